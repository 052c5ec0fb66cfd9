import { copyMathJax, MATHJAX_PARTS, MATHJAX_URL } from "../../tools/book/mathjax.ts";
import { assert, assertRejectsWith } from "../_assert.ts";

Deno.test("book mathjax: copies the MathJax 3 component, its fonts and the extensions it autoloads", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mathjax-" });
  try {
    const n = await copyMathJax(dir);
    assert.ok(n > 50, `copied ${n} files`);
    for (
      const f of [
        "es5/tex-chtml.js",
        "es5/output/chtml/fonts/woff-v2/MathJax_Main-Regular.woff",
        "es5/input/tex/extensions/boldsymbol.js",
        "es5/ui/menu.js",
      ]
    ) {
      assert.ok((await Deno.stat(`${dir}/mathjax/${f}`)).isFile, f);
    }
    // the page's path is one of the copied parts
    assert.ok(MATHJAX_PARTS.includes(MATHJAX_URL.replace(/^mathjax\//, "")));
    assert.ok(!MATHJAX_PARTS.some((p) => p.includes("sre")), "the speech engine stays out");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("book mathjax: a missing package is a clear error pointing at setup", async () => {
  await assertRejectsWith(() => copyMathJax("/tmp", "/nonexistent/mathjax"), Error, "./deno task setup");
});
