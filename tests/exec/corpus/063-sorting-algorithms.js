// classic sorting algorithms implemented by hand, checked against each other
function makeData(n, seed) {
  UPDATE_POINT();
  const out = [];
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    out.push(s % 1000);
  }
  return out;
}
function checksum(a) {
  let h = 0;
  for (let i = 0; i < a.length; i++) h = (h * 31 + a[i] * (i + 1)) % 1000000007;
  return h;
}

function insertionSort(a) {
  a = a.slice();
  for (let i = 1; i < a.length; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
  return a;
}

function mergeSort(a) {
  if (a.length <= 1) return a;
  const mid = a.length >> 1;
  const l = mergeSort(a.slice(0, mid));
  const r = mergeSort(a.slice(mid));
  const out = [];
  let i = 0, j = 0;
  while (i < l.length && j < r.length) out.push(l[i] <= r[j] ? l[i++] : r[j++]);
  while (i < l.length) out.push(l[i++]);
  while (j < r.length) out.push(r[j++]);
  if (a.length > 100) UPDATE_POINT();
  return out;
}

function quickSort(a) {
  a = a.slice();
  function partition(lo, hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        [a[i], a[j]] = [a[j], a[i]];
        i++;
        j--;
      }
    }
    return [i, j];
  }
  function qs(lo, hi) {
    if (lo >= hi) return;
    const [i, j] = partition(lo, hi);
    qs(lo, j);
    qs(i, hi);
  }
  qs(0, a.length - 1);
  return a;
}

function heapSort(a) {
  a = a.slice();
  const n = a.length;
  const sift = (start, end) => {
    let root = start;
    while (2 * root + 1 <= end) {
      let child = 2 * root + 1;
      if (child + 1 <= end && a[child] < a[child + 1]) child++;
      if (a[root] < a[child]) {
        [a[root], a[child]] = [a[child], a[root]];
        root = child;
      } else return;
    }
  };
  for (let s = (n - 2) >> 1; s >= 0; s--) sift(s, n - 1);
  for (let end = n - 1; end > 0; end--) {
    [a[0], a[end]] = [a[end], a[0]];
    sift(0, end - 1);
  }
  return a;
}

function countingSort(a) {
  const counts = new Array(1000).fill(0);
  for (const v of a) counts[v]++;
  const out = [];
  counts.forEach((c, v) => {
    for (let k = 0; k < c; k++) out.push(v);
  });
  return out;
}

function shellSort(a) {
  a = a.slice();
  for (let gap = a.length >> 1; gap > 0; gap >>= 1) {
    for (let i = gap; i < a.length; i++) {
      const t = a[i];
      let j = i;
      for (; j >= gap && a[j - gap] > t; j -= gap) a[j] = a[j - gap];
      a[j] = t;
    }
  }
  return a;
}

const algos = { insertionSort, mergeSort, quickSort, heapSort, countingSort, shellSort };
for (const [n, seed] of [[10, 1], [150, 42], [400, 7]]) {
  const data = makeData(n, seed);
  const expected = data.slice().sort((x, y) => x - y);
  const line = [];
  for (const name of Object.keys(algos)) {
    UPDATE_POINT();
    const res = algos[name](data);
    line.push(`${name}:${checksum(res) === checksum(expected) ? "ok" : "BAD"}`);
  }
  console.log(n, checksum(expected), line.join(" "));
}
console.log(mergeSort(makeData(12, 3)).join(","));
