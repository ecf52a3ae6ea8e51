// The e2e of the watch builds the extension into its own folder (dist-e2e-watch/), so that its build never
// replaces the dist/ other specs are using. Same configuration otherwise: the code targets the real BOAMP API.
import base from '../../wxt.config';

export default { ...base, outDir: 'dist-e2e-watch' };
