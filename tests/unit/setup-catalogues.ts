// The extension pages and the widget register every UI catalogue at their entry; unit tests that render
// components without going through an entry do the same here.
import { registerAllCatalogues } from '../../components/i18n/all';

registerAllCatalogues();
