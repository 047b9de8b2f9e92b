// Runs before the app, as the first script of every page's <head>
// (scripts/postbuild.mjs puts it there, not deferred), so that it hears every
// failure of the app's files. Three parts:
//  1. if the app cannot start, a message with a way out instead of
//     "Loading…" for ever;
//  2. the loading message in the user's language, or the heading of the
//     view another page of the app sent the user to;
//  3. the service worker (offline use) and the announcement of new versions.
// Plain ES5-style script: it must work where the app does not.
(function () {
  // The card's address on another page (snippets made before embed.html):
  // to the card's own page at once, before the app there starts or reads
  // storage.
  // Which page this is, from the page itself (scripts/postbuild.mjs), not
  // from its address: hosts with "pretty URLs" serve embed.html as /embed.
  var page = document.documentElement.getAttribute('data-page');
  if (location.hash.indexOf('#/embed/') === 0 && page && page !== 'embed') {
    location.replace('embed.html' + location.search + location.hash);
    return;
  }
  if (location.hash.indexOf('#/region-card/') === 0 && page && page !== 'region-card') {
    location.replace('region-card.html' + location.search + location.hash);
    return;
  }
  // Results from a link, on a page of the whole app (links made before
  // results.html, or an address typed by hand): to the reader's page at
  // once, before this page's code downloads. Not in the offline edition,
  // which is one file with every view.
  if (location.hash.indexOf('#/shared/') === 0 && page && page !== 'results' && page !== 'offline') {
    location.replace('results.html' + location.search + location.hash);
    return;
  }
  // The cards read no storage and register no worker.
  var embedded = page === 'embed' || page === 'region-card';
  var noop = function () {};

  function whenParsed(run) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
    else run();
  }

  // The user's language among those the page has texts for (data-<lang> on
  // #boot-message, put there by scripts/postbuild.mjs from i18n/*.json): a
  // remembered choice first (for the embedded card, which reads no storage,
  // the language its address names), then the browser's. The same choice
  // as the app's.
  function language(el) {
    return pick(function (lang) { return el.hasAttribute('data-' + lang); });
  }

  // The first language of the user's that `known(lang)` accepts.
  function pick(known) {
    var tags = [];
    if (!embedded) {
      try { tags.push(localStorage.getItem('budmm.lang')); } catch (e) { /* storage refused */ }
    } else {
      // The portal's language, from the card's address (?lang=es).
      tags.push((/[?&]lang=([A-Za-z-]+)/.exec(location.search) || [])[1]);
    }
    tags = tags.concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < tags.length; i++) {
      var lang = String(tags[i] || '').split(/[-_]/)[0].toLowerCase();
      if (/^[a-z]+$/.test(lang) && known(lang)) return lang;
    }
    return null;
  }

  // The language file the app fetches before its first view (any language
  // but English, which is built in), asked for now, alongside the page's
  // code, rather than after it: a round trip less on a slow line. The
  // tables and their version are on <html> (scripts/assemble.mjs). Marked
  // optional: should it fail, the app says so itself and goes on in English.
  (function preloadLanguage() {
    var root = document.documentElement;
    var version = root.getAttribute('data-i18n-version');
    var tables = ' ' + (root.getAttribute('data-i18n') || '') + ' ';
    if (!version || !page || !document.head) return;
    var lang = pick(function (l) { return l === 'en' || tables.indexOf(' ' + l + ' ') >= 0; });
    if (!lang || lang === 'en') return;
    var link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.setAttribute('data-optional', '');
    link.href = 'i18n/' + page + '/' + lang + '.json?v=' + version;
    document.head.appendChild(link);
  })();

  // 1. A start that fails. The app removes #boot-message as soon as its wasm
  //    runs (src/main.rs); until then, any of these means it will not start:
  //    - a script, stylesheet, module preload or preload of the page fails
  //      to load or fails its integrity check (an error event on the
  //      element; such events do not bubble, hence the capturing listener,
  //      set before any of those elements exists);
  //    - an exception or a rejected promise nobody handled (a wasm that
  //      does not compile or does not fit its glue, a glue that throws: the
  //      start-up module's top-level await reports them as errors);
  //    - the loading message still there STALL_MS after the window's load
  //      event, for whatever fails without saying so (a download that
  //      hangs). The load event does not wait for the wasm (its preload
  //      does not hold it back), so what is left after it is downloading,
  //      compiling and starting the wasm: about 2 s measured for ~350 KB
  //      gzip on a 1.5 Mbit/s line with 150 ms latency and a 4x slower CPU
  //      (the office profile, first visit). 15 s leaves a 7x margin, enough
  //      for a line down to about 200 kbit/s; and should a slower start
  //      still show the message, the app removes it once it runs.
  //    The message replaces the loading one, keeping its id, so an app that
  //    starts after all still removes it.
  var STALL_MS = 15000;
  var failed = false;

  // Before the app runs: the page still parsing, or its loading message on
  // screen.
  function starting() {
    if (failed) return false;
    return document.readyState === 'loading' || !!document.getElementById('boot-message');
  }

  function fail() {
    if (!starting()) return;
    failed = true;
    whenParsed(showFailure);
  }

  // The page's own files (or its inline start-up script), not something a
  // browser extension put in the page. location.origin is "null" in a
  // sandboxed frame; the page's address still says where it came from.
  var origin = new URL(location.href).origin;
  function ours(el) {
    var url = el.getAttribute('src') || el.getAttribute('href');
    if (!url) return true;
    try { return new URL(url, location.href).origin === origin; } catch (e) { return false; }
  }

  window.addEventListener('error', function (event) {
    var el = event.target;
    if (el && el.nodeType === 1) {
      var kind = el.tagName === 'SCRIPT' ||
        (el.tagName === 'LINK' && /(^|\s)(stylesheet|modulepreload|preload)(\s|$)/i.test(el.getAttribute('rel') || ''));
      if (kind && ours(el) && !el.hasAttribute('data-optional')) fail();
      return;
    }
    fail();
  }, true);
  window.addEventListener('unhandledrejection', fail);
  window.addEventListener('load', function () {
    setTimeout(function () { if (starting()) fail(); }, STALL_MS);
  });

  function showFailure() {
    var old = document.getElementById('boot-message');
    if (!old) return; // the app started after all
    var lang = language(old) || 'en';
    var text = function (key) { return old.getAttribute('data-' + key + '-' + lang) || ''; };
    var make = function (tag, content) {
      var el = document.createElement(tag);
      if (content) el.textContent = content;
      return el;
    };
    var box = make('main');
    box.id = 'boot-message';
    box.className = 'boot boot-failed';
    box.setAttribute('lang', lang);
    var alert = make('div');
    alert.setAttribute('role', 'alert');
    alert.appendChild(make('h1', text('failed')));
    alert.appendChild(make('p', text('failed-safe')));
    var button = make('button', text('failed-button'));
    button.type = 'button';
    button.className = 'button primary';
    var waiting = make('p');
    waiting.setAttribute('role', 'status');
    button.addEventListener('click', function () {
      // Offline, the app's files are the only copy this browser has: never
      // cleared then. Said, and done once the network is back.
      if (navigator.onLine === false) {
        waiting.textContent = text('failed-offline');
        window.addEventListener('online', function () { clearAndReload(button); }, { once: true });
        return;
      }
      clearAndReload(button);
    });
    var actions = make('p');
    actions.appendChild(button);
    box.appendChild(alert);
    box.appendChild(actions);
    box.appendChild(waiting);
    old.parentNode.replaceChild(box, old);
  }

  // This app's caches and this folder's service worker go; the saved
  // assessments (localStorage) are not touched. Then a fresh start from the
  // host.
  var clearing = false;
  function clearAndReload(button) {
    if (clearing) return;
    clearing = true;
    button.setAttribute('aria-disabled', 'true');
    var jobs = [];
    try {
      jobs.push(caches.keys().then(function (keys) {
        return Promise.all(keys.filter(function (k) { return k.indexOf('budmm-') === 0; })
          .map(function (k) { return caches.delete(k); }));
      }));
    } catch (e) { /* no Cache Storage here (sandboxed frame, insecure page) */ }
    try {
      var scope = new URL('./', location.href).href;
      jobs.push(navigator.serviceWorker.getRegistrations().then(function (regs) {
        return Promise.all(regs.filter(function (r) { return r.scope === scope; })
          .map(function (r) { return r.unregister(); }));
      }));
    } catch (e) { /* no service workers here */ }
    Promise.all(jobs.map(function (job) { return job.then(noop, noop); })).then(function () {
      location.reload();
    });
  }

  // 2. The loading message in the user's language. When another page of
  //    the app sent this tab here (src/platform/browser.rs, go_to_page), it
  //    left the heading of the view to come, in its language: shown above
  //    the loading line, so the view's name stays on screen while its code
  //    loads. A note for another address (a reload, Back) is ignored.
  function arriving() {
    if (embedded) return null;
    try {
      var note = JSON.parse(sessionStorage.getItem('budmm.arriving') || 'null');
      sessionStorage.removeItem('budmm.arriving');
      if (note && note.hash === location.hash && typeof note.heading === 'string' && note.heading &&
          typeof note.lang === 'string') return note;
    } catch (e) { /* storage refused, or not a note of ours */ }
    return null;
  }
  whenParsed(function () {
    var boot = document.getElementById('boot-message');
    if (!boot || failed) return;
    var note = arriving();
    var lang = note && boot.hasAttribute('data-' + note.lang) ? note.lang : language(boot);
    var loading = lang ? boot.getAttribute('data-' + lang) : boot.textContent;
    if (note) {
      var box = document.createElement('main');
      box.id = 'boot-message';
      box.className = 'boot boot-arriving';
      // Attributes carry the texts of a failed start.
      for (var i = 0; i < boot.attributes.length; i++) {
        var a = boot.attributes[i];
        if (a.name.indexOf('data-') === 0) box.setAttribute(a.name, a.value);
      }
      var h1 = document.createElement('h1');
      h1.textContent = note.heading;
      var p = document.createElement('p');
      p.setAttribute('role', 'status');
      p.textContent = loading;
      box.appendChild(h1);
      box.appendChild(p);
      boot.parentNode.replaceChild(box, boot);
      boot = box;
    } else {
      boot.textContent = loading;
    }
    if (lang) boot.setAttribute('lang', lang);
  });

  // 3. Registers the service worker (offline use) once the page has loaded,
  //    so that its downloads do not slow the start. Tells the app when a new
  //    version is ready with the window event 'budmm-update-ready' (and the
  //    flag window.budmmUpdateReady, for an app that starts later); the app
  //    answers with 'budmm-update-accept' once the user chose to reload and
  //    no form holds unsaved input. Not for the embedded card (it must not
  //    store anything) nor for file:// pages.
  if (location.protocol === 'file:' || embedded) return;
  var container;
  try {
    // In a sandboxed frame even reading navigator.serviceWorker throws.
    container = navigator.serviceWorker;
  } catch (e) {
    return;
  }
  if (!container) return;
  // Whether this page came from a worker: then it runs that worker's build,
  // and another worker taking over means another build.
  var controlled = !!container.controller;
  var registration = null;
  var accepted = false;
  function announce() {
    window.budmmUpdateReady = true;
    window.dispatchEvent(new CustomEvent('budmm-update-ready'));
  }
  function switchNow() {
    var waiting = registration && registration.waiting;
    if (!waiting) {
      // Already active (another tab switched): this page is the old build.
      location.reload();
      return;
    }
    waiting.postMessage('skip-waiting');
    // Replaced by a yet newer version before it could take over: take that.
    waiting.addEventListener('statechange', function () {
      if (waiting.state === 'redundant') switchNow();
    });
  }
  window.addEventListener('budmm-update-accept', function () {
    if (accepted) return;
    accepted = true;
    switchNow();
  });
  container.addEventListener('controllerchange', function () {
    if (accepted) {
      location.reload();
    } else if (controlled) {
      // Another tab loaded the new version; this one still runs the old.
      announce();
    }
    controlled = true;
  });
  // "Download for offline use" (<a download href=budmm-offline.html>): the
  // browser downloads such a link itself, past the service worker, so it
  // would fail offline. Fetched here instead, it comes from the worker,
  // which keeps a copy once it was downloaded online; then it is saved from
  // memory under the link's name. Should that fail, the browser tries the
  // link as usual (and says so when the network is off).
  var OFFLINE_EDITION = new URL('budmm-offline.html', location.href).href;
  var bypass = null;
  document.addEventListener('click', function (event) {
    var link = event.target && event.target.closest && event.target.closest('a[download]');
    if (!link || link === bypass || event.defaultPrevented || event.button !== 0 ||
        event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    if (link.href !== OFFLINE_EDITION || !container.controller || !window.URL || !URL.createObjectURL) return;
    event.preventDefault();
    fetch(link.href).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.blob();
    }).then(function (blob) {
      var save = document.createElement('a');
      save.href = URL.createObjectURL(blob);
      save.download = link.getAttribute('download') || '';
      save.hidden = true;
      document.body.appendChild(save);
      save.click();
      save.remove();
      setTimeout(function () { URL.revokeObjectURL(save.href); }, 60000);
    }).catch(function () {
      bypass = link;
      link.click();
      bypass = null;
    });
  });
  function register() {
    container.register('./sw.js').then(function (reg) {
      registration = reg;
      if (reg.waiting && container.controller) announce();
      reg.addEventListener('updatefound', function () {
        var worker = reg.installing;
        if (!worker) return;
        worker.addEventListener('statechange', function () {
          if (worker.state === 'installed' && container.controller) announce();
        });
      });
    }).catch(noop); // no offline support here; the app works online
  }
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register);
})();
