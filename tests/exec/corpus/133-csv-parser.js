// a CSV parser handling quotes, escaped quotes, embedded newlines; then typed aggregation
function parseCSV(text, sep = ",") {
  UPDATE_POINT();
  const rows = [];
  let row = [];
  let field = "";
  let i = 0;
  let inQuotes = false;
  while (i < text.length) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "") {
      inQuotes = true;
    } else if (c === sep) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (rows.length % 4 === 0) UPDATE_POINT();
    } else {
      field += c;
    }
    i++;
  }
  if (inQuotes) throw new SyntaxError("unterminated quoted field");
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
const csv = `id,name,dept,salary,notes
1,Ann Smith,eng,120000,"likes ""tabs"""
2,"Bob, Jr.",ops,95000,
3,Cyd,eng,130000,"multi
line note"
4,Dee,hr,70000,plain\r
5,Eve,ops,99000,"comma, inside"
6,Fay,eng,,missing salary`;
const rows = parseCSV(csv);
console.log(rows.length, JSON.stringify(rows[1]), JSON.stringify(rows[3]), JSON.stringify(rows[4]));

const [header, ...data] = rows;
const records = data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
const byDept = {};
for (const r of records) {
  const d = (byDept[r.dept] ||= { count: 0, total: 0, missing: 0, names: [] });
  d.count++;
  d.names.push(r.name);
  if (r.salary === "") d.missing++;
  else d.total += Number(r.salary);
}
for (const [dept, d] of Object.entries(byDept).sort()) {
  const withSalary = d.count - d.missing;
  console.log(dept, d.count, d.total, withSalary ? Math.round(d.total / withSalary) : "-", d.names.join(";"));
}

// serializer round trip
function toCSV(rows) {
  return rows.map((r) => r.map((f) => (/[",\n\r]/.test(f) ? '"' + f.replace(/"/g, '""') + '"' : f)).join(",")).join("\n");
}
const again = parseCSV(toCSV(rows));
console.log(JSON.stringify(again) === JSON.stringify(rows));
console.log(toCSV([["a", 'b"c', "d,e"], ["", "x\ny", "z"]]));
console.log(JSON.stringify(parseCSV("a;b;;c\n1;2;3;4", ";")));
try {
  parseCSV('x,"never closed\n1,2');
} catch (e) {
  UPDATE_POINT();
  console.log(e.constructor.name, e.message);
}
