/**
 * What the book knows of each notebook besides its outputs: the area it belongs to (the navigation's parts, each in
 * publication order) and what its first cell says (Chinese title, English title, the article's link and date).
 * Pure functions.
 * @module
 */
import { cellSource, type Notebook } from "../notebook.ts";

/** One part of the book's navigation. */
export interface Area {
  id: string;
  /** The part's caption in the navigation. */
  title: string;
  /** Notebook numbers (NN of NN-slug) of this area, in publication order. */
  numbers: readonly number[];
}

/** The areas, in the order the navigation shows them (DESIGN.md, "Articles and notebook numbers"). */
export const AREAS: readonly Area[] = [
  { id: "diffusion", title: "Diffusion models", numbers: [3, 4, 5, 6, 7, 8, 9, 11, 16, 17, 20, 21, 22, 23] },
  { id: "attention", title: "Attention and scaling", numbers: [18, 25, 26, 28, 29, 30, 31] },
  { id: "retrieval", title: "Retrieval", numbers: [2, 12, 13] },
  { id: "training", title: "Training", numbers: [1, 14, 24, 27] },
  { id: "life", title: "Life notes", numbers: [10, 15, 19, 32] },
];

/** Where a notebook not listed in {@link AREAS} goes (never dropped). */
export const OTHER_AREA: Area = { id: "other", title: "Other notebooks", numbers: [] };

/** The number NN of a notebook name "NN-slug" (NaN when it has none). */
export function notebookNumber(name: string): number {
  const m = /^(\d{2})-/.exec(name);
  return m ? Number(m[1]) : NaN;
}

/** The area of a notebook name. */
export function areaOf(name: string): Area {
  const n = notebookNumber(name);
  return AREAS.find((a) => a.numbers.includes(n)) ?? OTHER_AREA;
}

/** The notebooks grouped by area (areas in {@link AREAS} order, then "other"; empty areas left out), sorted by name. */
export function groupByArea<T extends { name: string }>(items: readonly T[]): { area: Area; items: T[] }[] {
  const groups = [...AREAS, OTHER_AREA].map((area) => ({
    area,
    items: items.filter((i) => areaOf(i.name).id === area.id).sort((a, b) => a.name.localeCompare(b.name)),
  }));
  return groups.filter((g) => g.items.length > 0);
}

/** What the first cell of a notebook says. */
export interface NotebookInfo {
  name: string;
  /** The first `#` heading (the article's Chinese title), or the name. */
  chinese: string;
  /** The first `##` heading after it (the English title), or "". */
  english: string;
  /** The article's address (the first kexue.fm link, else the first http(s) link), or "". */
  link: string;
  /** The article's date (YYYY-MM-DD) if the first cell gives one, or "". */
  date: string;
}

function plain(text: string): string {
  return text.replace(/[*_`]/g, "").replace(/\s+/g, " ").trim();
}

/** Reads {@link NotebookInfo} from the notebook's first Markdown cell. */
export function notebookInfo(name: string, nb: Notebook): NotebookInfo {
  const first = nb.cells.find((c) => c.cell_type === "markdown");
  const text = first ? cellSource(first) : "";
  const h1 = /^\s{0,3}#\s+(.+?)\s*#*\s*$/m.exec(text);
  const h2 = /^\s{0,3}##\s+(.+?)\s*#*\s*$/m.exec(text);
  const link = /https?:\/\/(?:www\.)?kexue\.fm\/[^\s>)]+/.exec(text) ?? /https?:\/\/[^\s>)]+/.exec(text);
  const date = /\b(\d{4}-\d{2}-\d{2})\b/.exec(text);
  return {
    name,
    chinese: h1 ? plain(h1[1]) : name,
    english: h2 ? plain(h2[1]) : "",
    link: link ? link[0] : "",
    date: date ? date[1] : "",
  };
}

/** The title the navigation shows: "03 · English — 中文" (or what of it exists). */
export function navTitle(info: NotebookInfo): string {
  const nn = info.name.slice(0, 2);
  const parts = [info.english, info.chinese].filter((t) => t && t !== info.name);
  return parts.length ? `${nn} · ${parts.join(" — ")}` : info.name;
}
