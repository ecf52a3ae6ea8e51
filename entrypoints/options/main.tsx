import { render } from 'preact';
import territoryData from '@/data/territory.json';
import { portals } from '@/core/portals/index';
import { createTerritory, type TerritoryData } from '@/core/territory/index';
import { OptionsApp } from '@/components/extension/options-app';
import { createOptionsModel } from '@/components/extension/options-model';
import { t } from '@/components/i18n';
import { registerAllCatalogues } from '@/components/i18n/all';
import { watchSettings } from '@/components/extension/settings-model';
import '@/components/styles.css';
import '@/components/extension/pages.css';

registerAllCatalogues();
const portalIds = portals.map((p) => p.id);
const model = createOptionsModel({ territory: createTerritory(territoryData as unknown as TerritoryData), portalIds });
void model.load().then(() => {
  document.documentElement.lang = model.settings.value.lang;
  document.title = t(model.settings.value.lang, 'optionsTitle');
  render(<OptionsApp model={model} portals={portals} />, document.getElementById('app')!);
});
watchSettings((s) => {
  model.settings.value = s;
  document.documentElement.lang = s.lang;
  document.title = t(s.lang, 'optionsTitle');
}, portalIds);
