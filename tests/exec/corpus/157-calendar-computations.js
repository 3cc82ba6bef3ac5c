// calendar arithmetic without Date: leap years, day of week (Zeller), day-of-year, month grids, date differences
const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y, m) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
const DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
function dayOfWeek(y, m, d) {
  UPDATE_POINT();
  // Zeller's congruence adapted: 0 = Sunday
  if (m < 3) {
    m += 12;
    y -= 1;
  }
  const K = y % 100, J = Math.floor(y / 100);
  const h = (d + Math.floor((13 * (m + 1)) / 5) + K + Math.floor(K / 4) + Math.floor(J / 4) + 5 * J) % 7;
  return (h + 6) % 7;
}
function toDays(y, m, d) {
  // days since 0001-01-01
  let days = 0;
  const py = y - 1;
  days += py * 365 + Math.floor(py / 4) - Math.floor(py / 100) + Math.floor(py / 400);
  for (let mm = 1; mm < m; mm++) days += daysIn(y, mm);
  return days + d - 1;
}
function fromDays(n) {
  let y = 1;
  while (toDays(y + 400, 1, 1) <= n) y += 400;
  while (toDays(y + 1, 1, 1) <= n) y++;
  let m = 1;
  let rest = n - toDays(y, 1, 1);
  while (rest >= daysIn(y, m)) {
    rest -= daysIn(y, m);
    m++;
  }
  return [y, m, rest + 1];
}
const fmt = ([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const dates = [[2000, 1, 1], [1969, 7, 20], [2024, 2, 29], [1900, 3, 1], [2038, 1, 19], [1, 1, 1]];
for (const [y, m, d] of dates) {
  const n = toDays(y, m, d);
  console.log(fmt([y, m, d]), DAY_NAMES[dayOfWeek(y, m, d)], DAY_NAMES[(n + 1) % 7], n, fmt(fromDays(n)), isLeap(y));
  UPDATE_POINT();
}
console.log("days between moon landing and Y2K:", toDays(2000, 1, 1) - toDays(1969, 7, 20));
console.log("leap years 1890-1910:", Array.from({ length: 21 }, (_, i) => 1890 + i).filter(isLeap).join(","));

function monthGrid(y, m) {
  const lines = [`     ${y}-${String(m).padStart(2, "0")}`, " Su Mo Tu We Th Fr Sa"];
  let line = "   ".repeat(dayOfWeek(y, m, 1));
  for (let d = 1; d <= daysIn(y, m); d++) {
    line += String(d).padStart(3);
    if (dayOfWeek(y, m, d) === 6) {
      lines.push(line);
      line = "";
    }
  }
  if (line) lines.push(line);
  return lines.join("\n");
}
console.log(monthGrid(2024, 2));
console.log(monthGrid(2023, 10));
// Friday the 13ths in a range of years
const f13 = [];
for (let y = 2023; y <= 2026; y++) for (let m = 1; m <= 12; m++) if (dayOfWeek(y, m, 13) === 5) f13.push(`${y}-${m}`);
console.log("Friday 13th:", f13.join(" "));
// add N days to a date repeatedly
let cur = toDays(2023, 12, 25);
const steps = [];
for (let i = 0; i < 6; i++) {
  UPDATE_POINT();
  cur += 45;
  steps.push(fmt(fromDays(cur)));
}
console.log(steps.join(" "));
