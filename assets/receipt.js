// Checks a receipt's Merkle path (RFC 9162) in the browser: the entry's leaf hash, combined
// up the path, must give the root of the signed tree head the page shows. (The head's
// signature is checked offline: budgetbox verify --receipt.) The page works without this.
(function () {
  var box = document.getElementById('tree-check');
  if (!box || !window.crypto || !window.crypto.subtle || typeof BigInt === 'undefined') return;
  var button = document.getElementById('tree-check-run');
  var out = document.getElementById('tree-check-result');
  function bytes(hex) { return new Uint8Array(hex.match(/../g).map(function (x) { return parseInt(x, 16); })); }
  function hex(buf) { return Array.from(new Uint8Array(buf), function (x) { return x.toString(16).padStart(2, '0'); }).join(''); }
  function hash(prefix, a, b) {
    var all = new Uint8Array(1 + a.length + (b ? b.length : 0));
    all[0] = prefix; all.set(a, 1); if (b) all.set(b, 1 + a.length);
    return crypto.subtle.digest('SHA-256', all).then(function (d) { return new Uint8Array(d); });
  }
  button.hidden = false;
  button.addEventListener('click', async function () {
    var d = box.dataset;
    var f = BigInt(d.leafIndex), s = BigInt(d.treeSize) - 1n;
    var r = await hash(0, bytes(d.entryHash));
    var path = d.path ? d.path.split(',') : [];
    for (var i = 0; i < path.length; i++) {
      if (s === 0n) { r = null; break; }
      var p = bytes(path[i]);
      if ((f & 1n) === 1n || f === s) {
        r = await hash(1, p, r);
        while ((f & 1n) === 0n && f !== 0n) { f >>= 1n; s >>= 1n; }
      } else {
        r = await hash(1, r, p);
      }
      f >>= 1n; s >>= 1n;
    }
    var ok = r !== null && s === 0n && hex(r) === d.root;
    out.textContent = ok ? d.ok : d.failed;
    out.className = ok ? 'tree-ok' : 'tree-failed';
  });
})();
