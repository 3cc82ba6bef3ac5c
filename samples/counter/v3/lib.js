export function weight(i) {
  return i * 3 + 1;
}
