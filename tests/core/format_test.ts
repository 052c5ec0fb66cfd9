import { escapeHtml, fmtNum, fmtValue } from "../../lib/core/format.ts";
import { assert } from "../_assert.ts";

Deno.test("format: numbers to significant digits, exponents at the extremes", () => {
  assert.equal(fmtNum(0.0064820), "0.006482");
  assert.equal(fmtNum(2.30512345), "2.3051");
  assert.equal(fmtNum(1200), "1200");
  assert.equal(fmtNum(43046721), "43046721");
  assert.equal(fmtNum(2.5e6), "2500000");
  assert.equal(fmtNum(2.5e16), "2.5e+16");
  assert.equal(fmtNum(1234567.5), "1.2346e+6");
  assert.equal(fmtNum(4.2e-5), "4.2e-5");
  assert.equal(fmtNum(0), "0");
  assert.equal(fmtNum(NaN), "NaN");
  assert.equal(fmtValue([1, 0.5]), "[1, 0.5]");
  assert.equal(fmtValue(true), "true");
  assert.equal(escapeHtml('<a href="x">&</a>'), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
});
