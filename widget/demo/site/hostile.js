// A page that changed built-ins before the widget loads (old polyfills, analytics wrappers, bugs).
(() => {
  window.__hostile = { fetchCalls: 0, jsonParseCalls: 0 };
  const map = Array.prototype.map;
  // A naive polyfill: ignores thisArg and holes, as some old libraries did.
  Array.prototype.map = function (fn) {
    const out = [];
    for (let i = 0; i < this.length; i++) out.push(fn(this[i], i, this));
    return out;
  };
  void map;
  JSON.parse = function () {
    window.__hostile.jsonParseCalls++;
    throw new Error('JSON.parse is disabled on this page');
  };
  window.fetch = function () {
    window.__hostile.fetchCalls++;
    return Promise.reject(new Error('fetch is disabled on this page'));
  };
  customElements.define = function () {
    throw new Error('custom elements are disabled on this page');
  };
})();
