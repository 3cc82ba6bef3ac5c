// async error handling: rejected awaits in loops, try/finally around awaits, error propagation through async chains
const log = [];
const sleep0 = () => Promise.resolve();
async function fetchItem(id) {
  UPDATE_POINT();
  await sleep0();
  if (id % 4 === 0) throw new RangeError(`item ${id} unavailable`);
  if (id === 7) throw new TypeError("item 7 malformed");
  return { id, price: id * 3 };
}
async function fetchAll(ids) {
  const ok = [], failed = [];
  for (const id of ids) {
    try {
      const it = await fetchItem(id);
      ok.push(it.id);
      UPDATE_POINT();
    } catch (e) {
      failed.push(`${id}:${e.constructor.name}`);
      if (e instanceof TypeError) break;
    } finally {
      log.push("done " + id);
    }
  }
  return { ok, failed };
}
console.log(JSON.stringify(await fetchAll([1, 2, 3, 4, 5, 6, 7, 8, 9])));
console.log(log.join(","));

// propagation through nested async calls, caught at the top, with finally at each level
const trail = [];
async function level(n) {
  try {
    await sleep0();
    if (n === 0) throw new Error("deep async failure");
    return await level(n - 1);
  } finally {
    trail.push(n);
  }
}
try {
  await level(4);
} catch (e) {
  console.log(e.message, trail.join(""));
}

// returning a rejected promise without await skips the local catch
async function noAwait() {
  try {
    return Promise.reject(new Error("escaped the try"));
  } catch {
    return "caught locally";
  }
}
async function withAwait() {
  try {
    return await Promise.reject(new Error("caught by try"));
  } catch (e) {
    return "caught locally: " + e.message;
  }
}
console.log(await noAwait().catch((e) => "outer caught: " + e.message));
console.log(await withAwait());

// Promise.all fails fast; allSettled collects everything
try {
  await Promise.all([fetchItem(1), fetchItem(4), fetchItem(7)]);
} catch (e) {
  console.log("all failed with", e.message);
}
const settled = await Promise.allSettled([1, 4, 7, 9].map(fetchItem));
console.log(settled.map((s) => (s.status === "fulfilled" ? s.value.price : s.reason.constructor.name)).join(","));

// async error in a callback passed to a user-defined async map
async function mapAsync(list, fn) {
  const out = [];
  for (let i = 0; i < list.length; i++) out.push(await fn(list[i], i));
  return out;
}
try {
  await mapAsync([1, 2, 3], async (x, i) => {
    if (i === 2) throw new Error("mapper failed at index " + i);
    return x;
  });
} catch (e) {
  console.log(e.message);
}
// AggregateError from Promise.any
try {
  await Promise.any([fetchItem(4), fetchItem(8)]);
} catch (e) {
  UPDATE_POINT();
  console.log(e.constructor.name, e.errors.map((x) => x.message).join(" / "));
}
