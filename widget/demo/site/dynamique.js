// A host page that builds its content with JavaScript: mounts the widget through the JS API and listens
// to the event the widget sends when someone opens a fiche.
(() => {
  const slot = document.getElementById('slot');
  const log = document.getElementById('log');
  document.getElementById('mount').addEventListener('click', () => {
    window.Essor.mount(slot, { territoire: '33063', mode: 'acheteur', themes: ['alimentation'], lang: 'fr' });
  });
  document.getElementById('unmount').addEventListener('click', () => window.Essor.unmount(slot));
  document.addEventListener('essor:open-fiche', (e) => {
    const li = document.createElement('li');
    li.textContent = `${e.detail.id} — ${e.detail.title}`;
    log.append(li);
  });
})();
