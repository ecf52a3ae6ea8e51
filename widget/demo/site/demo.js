// Lists the saved portal pages served by the demo server (text only, no HTML from the data).
(async () => {
  const list = document.getElementById('pages');
  if (!list) return;
  try {
    const pages = await (await fetch('/api/pages.json')).json();
    list.textContent = '';
    for (const p of pages) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = p.mirror;
      a.textContent = p.title || p.file;
      const small = document.createElement('small');
      small.textContent = ` — ${p.portal} (original : ${p.originalUrl})`;
      li.append(a, small);
      list.append(li);
    }
  } catch {
    list.textContent = 'Liste indisponible.';
  }
})();
