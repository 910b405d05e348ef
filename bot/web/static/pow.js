// Proof of work for Submit (bot/core/proof_of_work.py): find a nonce whose SHA-256("challenge:nonce") starts with
// `bits` zero bits. Only an enhancement: without JavaScript the form still works (the server then asks for a
// short wait instead). Self-contained: no library, no request anywhere.
(function () {
  "use strict";
  var form = document.getElementById("submit-form");
  if (!form) return;
  var challenge = form.getAttribute("data-challenge");
  var bits = parseInt(form.getAttribute("data-bits"), 10) || 0;
  var status = document.getElementById("pow-status");
  var K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
  var W = new Uint32Array(64);

  function firstWord(bytes) {  // SHA-256 of an ASCII string (< 56 bytes: one block); returns the first 32 bits
    var n = bytes.length, i;
    for (i = 0; i < 16; i++) W[i] = 0;
    for (i = 0; i < n; i++) W[i >> 2] |= bytes[i] << (24 - 8 * (i & 3));
    W[n >> 2] |= 0x80 << (24 - 8 * (n & 3));
    W[15] = n * 8;
    for (i = 16; i < 64; i++) {
      var a = W[i - 15], b = W[i - 2];
      var s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      var s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
    }
    var h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a;
    var h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
    var A = h0, B = h1, C = h2, D = h3, E = h4, F = h5, G = h6, H = h7;
    for (i = 0; i < 64; i++) {
      var S1 = ((E >>> 6) | (E << 26)) ^ ((E >>> 11) | (E << 21)) ^ ((E >>> 25) | (E << 7));
      var ch = (E & F) ^ (~E & G);
      var t1 = (H + S1 + ch + K[i] + W[i]) | 0;
      var S0 = ((A >>> 2) | (A << 30)) ^ ((A >>> 13) | (A << 19)) ^ ((A >>> 22) | (A << 10));
      var maj = (A & B) ^ (A & C) ^ (B & C);
      var t2 = (S0 + maj) | 0;
      H = G; G = F; F = E; E = (D + t1) | 0; D = C; C = B; B = A; A = (t1 + t2) | 0;
    }
    return (h0 + A) >>> 0;
  }

  function solved(word) {  // bits <= 28: the first word decides
    return bits === 0 || (word >>> (32 - bits)) === 0;
  }

  var prefix = challenge + ":";
  var base = [];
  for (var i = 0; i < prefix.length; i++) base.push(prefix.charCodeAt(i));
  var nonce = 0, done = false, started = Date.now();
  if (status) status.textContent = status.getAttribute("data-working");

  function work() {
    var until = Date.now() + 40;  // keep the page responsive
    while (Date.now() < until) {
      var digits = String(nonce);
      var bytes = base.slice();
      for (var j = 0; j < digits.length; j++) bytes.push(digits.charCodeAt(j));
      if (solved(firstWord(bytes))) {
        document.getElementById("nonce").value = digits;
        form.setAttribute("data-solved-ms", String(Date.now() - started));
        done = true;
        if (status) status.textContent = "";
        return;
      }
      nonce++;
    }
    setTimeout(work, 0);
  }

  form.addEventListener("submit", function (event) {
    if (!done) { event.preventDefault(); var wait = setInterval(function () {
      if (done) { clearInterval(wait); form.submit(); } }, 50); }
  });
  setTimeout(work, 0);
})();
