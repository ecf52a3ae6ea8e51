// The host page's own script, to show it keeps working next to misconfigured widgets.
(() => {
  let n = 0;
  const button = document.getElementById('host-button');
  const out = document.getElementById('host-output');
  if (button && out) button.addEventListener('click', () => (out.textContent = String(++n)));
})();
