// interval algorithms: merging, insertion, intersections, meeting rooms via sweep line, calendar gaps
function merge(intervals) {
  UPDATE_POINT();
  const sorted = intervals.map((x) => x.slice()).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out = [];
  for (const cur of sorted) {
    const last = out[out.length - 1];
    if (last && cur[0] <= last[1]) last[1] = Math.max(last[1], cur[1]);
    else out.push(cur);
  }
  return out;
}
const fmt = (list) => list.map(([a, b]) => `[${a},${b}]`).join("");
console.log(fmt(merge([[1, 3], [2, 6], [8, 10], [15, 18], [17, 20], [9, 9]])));
console.log(fmt(merge([[5, 7], [1, 4], [4, 5]])), fmt(merge([])));

function insert(intervals, nw) {
  const out = [];
  let i = 0;
  while (i < intervals.length && intervals[i][1] < nw[0]) out.push(intervals[i++]);
  const m = nw.slice();
  while (i < intervals.length && intervals[i][0] <= m[1]) {
    m[0] = Math.min(m[0], intervals[i][0]);
    m[1] = Math.max(m[1], intervals[i][1]);
    i++;
  }
  out.push(m);
  while (i < intervals.length) out.push(intervals[i++]);
  return out;
}
console.log(fmt(insert([[1, 2], [3, 5], [6, 7], [8, 10], [12, 16]], [4, 8])), fmt(insert([[1, 5]], [6, 8])));

function intersect(a, b) {
  const out = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i][0], b[j][0]);
    const hi = Math.min(a[i][1], b[j][1]);
    if (lo <= hi) out.push([lo, hi]);
    if (a[i][1] < b[j][1]) i++; else j++;
  }
  return out;
}
console.log(fmt(intersect([[0, 2], [5, 10], [13, 23], [24, 25]], [[1, 5], [8, 12], [15, 24], [25, 26]])));

// meeting rooms: sweep line over start/end events
function roomsNeeded(meetings) {
  const events = [];
  for (const [s, e] of meetings) events.push([s, 1], [e, -1]);
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let cur = 0, best = 0, at = null;
  for (const [t, d] of events) {
    cur += d;
    if (cur > best) { best = cur; at = t; }
    UPDATE_POINT();
  }
  return [best, at];
}
let seed = 21;
const meetings = [];
for (let i = 0; i < 25; i++) {
  seed = (seed * 57 + 13) % 997;
  const start = 8 * 60 + (seed % 480);
  meetings.push([start, start + 15 + (seed % 4) * 15]);
}
console.log(JSON.stringify(roomsNeeded(meetings)), JSON.stringify(roomsNeeded([[0, 30], [5, 10], [15, 20]])));

// free slots in a workday given busy intervals
function freeSlots(busy, dayStart, dayEnd, minLen) {
  const merged = merge(busy);
  const out = [];
  let t = dayStart;
  for (const [s, e] of merged) {
    UPDATE_POINT();
    if (s - t >= minLen) out.push([t, s]);
    t = Math.max(t, e);
  }
  if (dayEnd - t >= minLen) out.push([t, dayEnd]);
  return out;
}
const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const slots = freeSlots(meetings, 8 * 60, 17 * 60, 20);
console.log(slots.map(([a, b]) => `${hhmm(a)}-${hhmm(b)}`).join(" "));
console.log("busy total minutes", merge(meetings).reduce((s, [a, b]) => s + (b - a), 0));
