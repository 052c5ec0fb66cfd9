/**
 * The book's pure parts: areas and titles, the prepared copy of a notebook (import cell folded, claim anchors,
 * summary, compact settings), the home, claims and API pages, _toc.yml and _config.yml, and the API docs' helpers.
 */
import assert from "node:assert/strict";
import { areaOf, AREAS, groupByArea, navTitle, notebookInfo, OTHER_AREA } from "../../tools/book/areas.ts";
import { claimAnchor, HIDE_INPUT_TAG, prepareNotebook, summaryHtml } from "../../tools/book/prepare.ts";
import { apiPage, claimsPage, configYaml, indexPage, tocYaml } from "../../tools/book/pages.ts";
import type { BookNotebook } from "../../tools/book/pages.ts";
import { moduleSummary, unlinkSources } from "../../tools/book/api_docs.ts";
import { PLOTLY_MIME } from "../../tools/book/plotly_html.ts";
import type { Notebook } from "../../tools/notebook.ts";
import type { ClaimRecord } from "../../tools/report.ts";

const FIRST_CELL = [
  "# 生成扩散模型漫谈(二):DDPM = 自回归式VAE\n",
  "\n",
  "## Diffusion models, part 2: DDPM = an *autoregressive* VAE\n",
  "\n",
  "Su Jianlin, _Scientific Spaces_, 2022-07-06 — <https://kexue.fm/archives/9152> (see arXiv:2006.11239).\n",
];

function claim(id: string, verdict: ClaimRecord["verdict"], extra: Partial<ClaimRecord> = {}): ClaimRecord {
  return {
    id,
    measured: 1.5,
    expected: 1.5,
    relation: "|measured - expected| <= 1e-6",
    why: "float64",
    source: "eq. (3)",
    kind: "derivation",
    provenance: "closed form",
    verdict,
    profile: "quick",
    ...extra,
  };
}

function executed(): Notebook {
  return {
    cells: [
      { cell_type: "markdown", metadata: {}, source: FIRST_CELL },
      {
        cell_type: "code",
        metadata: {},
        source: 'import { ClaimLedger } from "../lib/core/mod.ts";\nconst claims = new ClaimLedger("03-x");',
        outputs: [{
          output_type: "display_data",
          metadata: {},
          data: {
            "text/html":
              '<table><caption style="x">Run settings</caption><tbody><tr><td>a</td></tr></tbody></table>',
            "text/plain": "Run settings",
          },
        }],
      },
      {
        cell_type: "code",
        metadata: { tags: ["keep"] },
        source: 'await claims.close("step-one", 1.5, 1.5, { abs: 1e-6 }, opts);',
        outputs: [
          {
            output_type: "display_data",
            metadata: {},
            data: { [PLOTLY_MIME]: { data: [] }, "text/plain": "Figure" },
          },
          {
            output_type: "display_data",
            metadata: {},
            data: { "text/html": "<div>row</div>", "text/plain": "claim step-one [derivation, ...]: ✔ held" },
          },
        ],
      },
      // the claim row of "lost-output" was lost: the anchor goes on the cell naming it
      { cell_type: "code", metadata: {}, source: "await claims.holds('lost-output', ...);", outputs: [] },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
}

Deno.test("book areas: every notebook of DESIGN.md in exactly one area; unknown ones in 'other'", () => {
  const all = AREAS.flatMap((a) => a.numbers);
  assert.deepEqual([...all].sort((a, b) => a - b), Array.from({ length: 32 }, (_, i) => i + 1));
  assert.equal(areaOf("03-ddpm").id, "diffusion");
  assert.equal(areaOf("32-iron-wok").id, "life");
  assert.equal(areaOf("99-new").id, OTHER_AREA.id);
  assert.equal(areaOf("fixture").id, OTHER_AREA.id);
  const groups = groupByArea([{ name: "13-c" }, { name: "04-b" }, { name: "03-a" }, { name: "x" }]);
  assert.deepEqual(groups.map((g) => [g.area.id, g.items.map((i) => i.name)]), [
    ["diffusion", ["03-a", "04-b"]],
    ["retrieval", ["13-c"]],
    ["other", ["x"]],
  ]);
});

Deno.test("book areas: titles, link and date from the first cell", () => {
  const info = notebookInfo("03-ddpm", executed());
  assert.deepEqual(info, {
    name: "03-ddpm",
    chinese: "生成扩散模型漫谈(二):DDPM = 自回归式VAE",
    english: "Diffusion models, part 2: DDPM = an autoregressive VAE",
    link: "https://kexue.fm/archives/9152",
    date: "2022-07-06",
  });
  assert.equal(
    navTitle(info),
    "03 · Diffusion models, part 2: DDPM = an autoregressive VAE — 生成扩散模型漫谈(二):DDPM = 自回归式VAE",
  );
  const bare = notebookInfo("07-x", { ...executed(), cells: [] });
  assert.equal(bare.chinese, "07-x");
  assert.equal(navTitle(bare), "07-x");
});

Deno.test("book prepare: import cell folded, settings compact, anchors, summary after the titles", () => {
  const nb = executed();
  const before = structuredClone(nb);
  const claims = [
    claim("step-one", "held"),
    claim("lost-output", "deviation", { reason: "toy scale" }),
    claim("nowhere", "failed"),
  ];
  const p = prepareNotebook(nb, "03-x", claims, {
    download: "executed/03-x.ipynb",
    labUrl: "http://l:1",
    hubUrl: "http://h:2/",
  }, {
    status: "ok",
    profile: "quick",
    seconds: 3.21,
    cached: true,
  });
  assert.deepEqual(nb, before, "the executed notebook is not modified");
  assert.equal(p.importCell, 1);
  assert.equal(p.plots, 1);
  assert.deepEqual(p.anchors, { "step-one": true, "lost-output": true, nowhere: false });
  const cells = p.notebook.cells;
  assert.equal(cells.length, 5, "one summary cell inserted");
  assert.deepEqual(cells[0].source, nb.cells[0].source);
  const summary = String(cells[1].source);
  assert.ok(!/\n\s*\n/.test(summary), "no blank line inside the raw HTML block");
  assert.match(summary, /href="executed\/03-x.ipynb" download="03-x.ipynb"/);
  assert.match(summary, /href="http:\/\/l:1\/lab\/tree\/03-x.ipynb"/);
  assert.match(summary, /href="http:\/\/h:2\/hub\/user-redirect\/lab\/tree\/notebooks\/03-x.ipynb"/);
  assert.match(summary, /1 held, 1 failed, 1 deviation \(quick profile, run ok \(cached\), 3.2 s\)/);
  assert.match(summary, /<a href="#claim-step-one">step-one<\/a>/);
  assert.match(summary, /<td>nowhere<\/td>/, "no link where no cell was found");
  assert.match(summary, /deviation: toy scale/);
  assert.deepEqual(cells[2].metadata?.tags, [HIDE_INPUT_TAG]);
  assert.deepEqual(cells[3].metadata?.tags, ["keep"]);
  assert.match(String(cells[2].outputs![0].data!["text/html"]), /^<div class="run-settings"><table>/);
  assert.equal(
    cells[3].outputs![1].data!["text/html"],
    '<div id="claim-step-one" class="claim-anchor"><div>row</div></div>',
  );
  assert.match(String(cells[3].outputs![0].data!["text/html"]), /Plotly.newPlot/);
  assert.match(String(cells[4].outputs![0].data!["text/html"]), /<span id="claim-lost-output"/);
  assert.equal(claimAnchor("a.b c"), "claim-a-b-c");
});

Deno.test("book prepare: hostile claim text is escaped; no links when none are configured", () => {
  const html = summaryHtml(
    "n",
    [claim("x", "held", { reason: "<script>", measured: "<b>" })],
    { download: "d" },
    {},
    {},
  );
  assert.ok(!html.includes("<script>") && !html.includes("<b>"));
  assert.ok(!html.includes("book-open-lab") && !html.includes("book-open-hub"));
  assert.match(summaryHtml("n", [], { download: "d" }, {}, {}), /No claims recorded/);
});

function bookNotebooks(): BookNotebook[] {
  const info = notebookInfo("03-ddpm", executed());
  return [
    {
      info,
      claims: [
        claim("step-one", "held"),
        claim("big|pipe", "failed", { kind: "experiment", provenance: "paper" }),
      ],
      run: { notebook: "03-ddpm", profile: "quick", status: "ok", seconds: 12.5, claims: [], cached: true },
    },
    { info: { ...info, name: "10-cross", english: "Cross", chinese: "十字架" }, claims: [] },
  ];
}

Deno.test("book pages: home page by area with both titles; claims page linking each claim to its cell", () => {
  const home = indexPage(bookNotebooks(), "2026-01-01");
  assert.match(home, /## Diffusion models/);
  assert.match(home, /## Life notes/);
  assert.ok(home.indexOf("## Diffusion models") < home.indexOf("## Life notes"));
  assert.match(
    home,
    /\| 03 \| \[Diffusion models, part 2: DDPM = an autoregressive VAE\]\(03-ddpm.ipynb\) \| 生成扩散模型漫谈/,
  );
  assert.match(home, /1 \/ 1 \/ 0 \| ok \(cached\), quick, 12.5 s \|/);
  assert.match(home, /not in the report/);
  const claims = claimsPage(bookNotebooks(), "2026-01-01");
  assert.match(claims, /<a href="03-ddpm.html#claim-step-one">step-one<\/a>/);
  assert.match(claims, /<a href="03-ddpm.html#claim-big-pipe">big\|pipe<\/a>/);
  assert.match(claims, /\| derivation \| .* \| 1 \| 1 \| 0 \| 0 \|/);
  assert.match(claims, /0 of 1 experiment claim\(s\) are reproduced/);
  assert.match(claims, /paper 1/);
  assert.match(claims, /No claims recorded/);
  const api = apiPage([{ area: "core", href: "api/core/mod.ts/index.html", summary: "The core." }], ["tf"]);
  assert.match(api, /<a href="api\/core\/mod.ts\/index.html">lib\/core<\/a> \| The core. \|/);
  assert.match(api, /`tf`/);
});

Deno.test("book pages: _toc.yml parts by area in publication order; _config.yml offline and without execution", () => {
  const toc = tocYaml([...bookNotebooks()].reverse());
  assert.equal(
    toc,
    [
      "format: jb-book",
      "root: index",
      "parts:",
      '  - caption: "Diffusion models"',
      "    chapters:",
      '      - file: "03-ddpm"',
      '        title: "03 · Diffusion models, part 2: DDPM = an autoregressive VAE — 生成扩散模型漫谈(二):DDPM = 自回归式VAE"',
      '  - caption: "Life notes"',
      "    chapters:",
      '      - file: "10-cross"',
      '        title: "10 · Cross — 十字架"',
      '  - caption: "Reference"',
      "    chapters:",
      '      - file: "claims"',
      '        title: "Claims report"',
      '      - file: "api"',
      '        title: "API reference"',
      "",
    ].join("\n"),
  );
  const config = JSON.parse(
    configYaml({ mathjaxPath: "mathjax/MathJax.js", jsFiles: ["plotly.min.js"], cssFiles: ["b.css"] }),
  );
  assert.equal(config.execute.execute_notebooks, "off");
  assert.equal(config.sphinx.config.mathjax_path, "mathjax/MathJax.js");
  assert.deepEqual(config.sphinx.config.html_js_files, ["plotly.min.js"]);
  assert.ok(!JSON.stringify(config).includes("https://"), "nothing in the config points at the network");
});

Deno.test("book api docs: module summaries and source links made plain", () => {
  assert.equal(
    moduleSummary(
      "/**\n * lib/diffusion: schedules (v1.2) and samplers.\n * More.\n * @module\n */\nexport {};",
    ),
    "Schedules (v1.2) and samplers.",
  );
  assert.equal(moduleSummary("/**\n * The core of it. More.\n * @module\n */"), "The core of it.");
  assert.equal(moduleSummary("/** not a module doc */"), "");
  const stage = "/w/out/.book-api-src/lib";
  const html =
    `<a href="file:&#x2F;&#x2F;&#x2F;w&#x2F;out&#x2F;.book-api-src&#x2F;lib&#x2F;math&#x2F;cross.ts#L3">s</a>`;
  assert.equal(unlinkSources(html, stage), `<a title="lib/math/cross.ts#L3">s</a>`);
});
