// Sloppy again: a closure made here reads the globals the other scripts left.
var report = (function () {
  var parts = [];
  for (var i = 0; i < log.length; i++) parts.push(JSON.stringify(log[i]));
  return parts.join('\n') + '\ntotal ' + total + ' ' + (this === globalThis);
})();
console.log(report);
