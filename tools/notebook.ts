/**
 * The part of the Jupyter notebook format (nbformat 4) the tools read and write.
 * @module
 */

/** One output of a code cell. */
export interface NbOutput {
  output_type: string;
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

/** One cell; `source` is a string or a list of lines, as nbformat allows. */
export interface NbCell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata?: Record<string, unknown>;
  outputs?: NbOutput[];
  execution_count?: number | null;
  id?: string;
  [key: string]: unknown;
}

/** A notebook file. */
export interface Notebook {
  cells: NbCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** A cell's source as one string. */
export function cellSource(cell: NbCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? "");
}

/** Parses notebook JSON (throws TypeError naming `path` when it is not a notebook). */
export function parseNotebook(text: string, path = "notebook"): Notebook {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (err) {
    throw new TypeError(`${path}: not valid JSON (${(err as Error).message})`);
  }
  if (!nb || typeof nb !== "object" || !Array.isArray((nb as Notebook).cells)) {
    throw new TypeError(`${path}: not a Jupyter notebook (no "cells" array)`);
  }
  return nb as Notebook;
}

/** Reads and parses a notebook file. */
export async function readNotebook(path: string): Promise<Notebook> {
  return parseNotebook(await Deno.readTextFile(path), path);
}
