import { copyMathJax, MATHJAX_PARTS, MATHJAX_URL } from "../../tools/book/mathjax.ts";
import { assert, assertRejectsWith } from "../_assert.ts";

Deno.test("book mathjax: copies the loader, nbconvert's configs, the jax and fonts it needs", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mathjax-" });
  try {
    const n = await copyMathJax(dir);
    assert.ok(n > 50, `copied ${n} files`);
    for (
      const f of [
        "MathJax.js",
        "config/TeX-AMS_CHTML-full.js",
        "config/Safe.js",
        "jax/output/CommonHTML/jax.js",
      ]
    ) {
      assert.ok((await Deno.stat(`${dir}/mathjax/${f}`)).isFile, f);
    }
    assert.ok(MATHJAX_PARTS.includes("fonts/HTML-CSS/TeX/woff"));
    // the URL's configuration names exactly the configs that are copied
    const configs = MATHJAX_URL.split("config=")[1].split(",").map((c) => `config/${c}.js`);
    for (const c of configs) assert.ok(MATHJAX_PARTS.includes(c), c);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("book mathjax: a missing package is a clear error pointing at setup", async () => {
  await assertRejectsWith(() => copyMathJax("/tmp", "/nonexistent/mathjax"), Error, "./deno task setup");
});
