// Snippet configurator (demo page). Reads the régions, départements and themes from the widget's own data
// file, loaded by this page before the widget (the widget then reuses it), and a département's communes
// from the same per-département files the widget loads.
(() => {
  const data = window.__essorData && window.__essorData.main;
  const $ = (id) => document.getElementById(id);
  const form = $('config');
  const preview = $('preview');
  const snippet = $('snippet');
  if (!data || !form || !preview || !snippet) return;
  const scriptUrl = new URL('/widget/essor-widget.js', location.href).href;
  const regions = new Map(data.geo.regions);
  const option = (value, text, selected) => {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = text;
    if (selected) o.selected = true;
    return o;
  };

  const depSelect = $('dep');
  for (const [code, name] of data.geo.departements) depSelect.append(option(code, `${code} – ${name}`, code === '69'));
  const themes = $('themes');
  for (const th of data.kb.themes) {
    const p = document.createElement('p');
    p.className = 'check';
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.name = 'theme';
    input.value = th.id;
    input.id = `theme-${th.id}`;
    const label = document.createElement('label');
    label.htmlFor = input.id;
    label.textContent = th.label.fr;
    p.append(input, ' ', label);
    themes.append(p);
  }

  const communes = (dep) =>
    new Promise((resolve) => {
      const key = `communes-${dep}`;
      const have = window.__essorData && window.__essorData[key];
      if (have) return resolve(have);
      const s = document.createElement('script');
      s.src = `/widget/communes/${encodeURIComponent(dep)}.js`;
      s.onload = () => resolve(window.__essorData[key]);
      s.onerror = () => resolve(undefined);
      document.head.append(s);
    });

  const communeSelect = $('commune');
  async function fillCommunes(selected) {
    const dep = depSelect.value;
    const file = await communes(dep);
    communeSelect.textContent = '';
    communeSelect.append(option('', '— Tout le département —', !selected));
    for (const [code, name] of (file && file.communes) || []) communeSelect.append(option(code, name, code === selected));
    const region = data.geo.departements.find(([c]) => c === dep);
    $('region-label').textContent = `Toute la région${region ? ` (${regions.get(region[2]) || region[2]})` : ''}`;
  }

  function attributes() {
    const dep = depSelect.value;
    const region = data.geo.departements.find(([c]) => c === dep);
    const territoire = $('region').checked && region ? `reg:${region[2]}` : communeSelect.value || dep;
    const mode = form.querySelector('input[name="mode"]:checked').value;
    const chosen = [...form.querySelectorAll('input[name="theme"]:checked')].map((i) => i.value).join(',');
    const attrs = [['territoire', territoire], ['mode', mode]];
    if (chosen) attrs.push(['themes', chosen]);
    attrs.push(['lang', $('lang').value]);
    const query = $('query').value.trim();
    if (query) attrs.push(['query', query]);
    return attrs;
  }

  const escape = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  function update() {
    const attrs = attributes();
    for (const name of ['territoire', 'mode', 'themes', 'lang', 'query']) {
      const pair = attrs.find(([n]) => n === name);
      if (pair) preview.setAttribute(name, pair[1]);
      else preview.removeAttribute(name);
    }
    snippet.textContent = `<script src="${scriptUrl}" defer></script>\n<essor-widget ${attrs.map(([n, v]) => `${n}="${escape(v)}"`).join(' ')}></essor-widget>`;
  }

  depSelect.addEventListener('change', () => fillCommunes('').then(update));
  form.addEventListener('change', (e) => {
    if (e.target !== depSelect) update();
  });
  form.addEventListener('input', (e) => {
    if (e.target && e.target.id === 'query') update();
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  $('copy').addEventListener('click', async () => {
    const status = $('copy-status');
    try {
      await navigator.clipboard.writeText(snippet.textContent);
      status.textContent = 'Balise copiée.';
    } catch {
      status.textContent = 'Copie impossible : sélectionnez le texte de la balise.';
    }
  });
  fillCommunes('69123').then(update);
})();
