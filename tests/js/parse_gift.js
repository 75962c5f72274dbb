// Parse GIFT from stdin with gift-pegjs and print the questions as JSON (used by tests/test_export_gift.py).
const { parse } = require("gift-pegjs");
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  try {
    process.stdout.write(JSON.stringify(parse(input)));
  } catch (err) {
    const where = err.location ? ` at line ${err.location.start.line}, column ${err.location.start.column}` : "";
    process.stderr.write(`gift-pegjs: ${err.message}${where}\n`);
    process.exit(1);
  }
});
