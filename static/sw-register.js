// While the wasm loads, the loading message speaks the user's language: the
// texts come from i18n/*.json, put on the element by scripts/postbuild.mjs
// as data-<lang> attributes. The same choice as the app's: a remembered
// language first (not for the embedded card, which reads no storage), then
// the browser's.
(function () {
  var boot = document.getElementById('boot-message');
  if (!boot) return;
  var tags = [];
  if (location.hash.indexOf('#/embed/') !== 0) {
    try { tags.push(localStorage.getItem('budmm.lang')); } catch (e) { /* storage refused */ }
  }
  tags = tags.concat(navigator.languages || [navigator.language]);
  for (var i = 0; i < tags.length; i++) {
    var lang = String(tags[i] || '').split(/[-_]/)[0].toLowerCase();
    var text = lang && boot.getAttribute('data-' + lang);
    if (text) {
      boot.textContent = text;
      boot.setAttribute('lang', lang);
      return;
    }
  }
})();

// Registers the service worker (offline use) and tells the app when a new
// version is waiting, with the window event 'budmm-update-ready'; the app
// answers with 'budmm-update-accept' when the user chooses to reload. Not
// for the embedded card (it must not store anything) nor for file:// pages.
(function () {
  if (location.protocol === 'file:' || location.hash.indexOf('#/embed/') === 0) return;
  var container;
  try {
    // In a sandboxed frame even reading navigator.serviceWorker throws.
    container = navigator.serviceWorker;
  } catch (e) {
    return;
  }
  if (!container) return;
  var waiting = null;
  var accepted = false;
  function announce(worker) {
    waiting = worker;
    window.budmmUpdateReady = true;
    window.dispatchEvent(new CustomEvent('budmm-update-ready'));
  }
  window.addEventListener('budmm-update-accept', function () {
    accepted = true;
    if (waiting) waiting.postMessage('skip-waiting');
  });
  container.addEventListener('controllerchange', function () {
    if (accepted) location.reload();
  });
  container.register('./sw.js').then(function (reg) {
    if (reg.waiting && container.controller) announce(reg.waiting);
    reg.addEventListener('updatefound', function () {
      var worker = reg.installing;
      if (!worker) return;
      worker.addEventListener('statechange', function () {
        if (worker.state === 'installed' && container.controller) announce(worker);
      });
    });
  }).catch(function () { /* no offline support here; the app works online */ });
})();
