/**
 * Measured training memory (the four items of Su's ledger, kexue.fm/archives/9590: parameters, gradients,
 * activations kept for backpropagation, optimizer state), read from tfjs itself rather than from a formula:
 *
 * - {@link tapeSavedBytes}: inside a gradient closure, the bytes of the tensors the active tape has saved for the
 *   backward pass (per tape node, the inputs/outputs its gradient function reads, as tfjs's gradient registry names
 *   them), each tensor counted once and tf.Variables excluded (parameters, not activations). This is what backprop
 *   must keep. tfjs in fact keeps every tensor made inside the closure until the gradients are done, which
 *   {@link measureRetained} reports as well (tf.memory().numBytes at the end of the forward minus before it), and on
 *   the wasm backend it saves real copies (reported as `copyBytes`).
 * - {@link peakStepBytes}: tf.profile's peak bytes over one whole step minus tf.memory().numBytes just before
 *   (activations + gradients + temporaries; optimizer moments made on a first step included, so measure a later one).
 * - {@link optimizerStateBytes}: lib/train's Adam's slot tensors (4 bytes per float).
 * @module
 */
import { requireFinite, tf } from "../core/mod.ts";
import type { Adam } from "./adam.ts";

interface TapeNodeLike {
  kernelName: string;
  inputs: Record<string, tf.Tensor>;
  outputs: tf.Tensor[];
  saved?: tf.Tensor[];
}

/** What {@link tapeSavedBytes} counts. */
export interface TapeSaved {
  /** Bytes of the distinct activation tensors (not variables) the tape saved for backprop, each counted once. */
  bytes: number;
  /** Number of those tensors. */
  buffers: number;
  /**
   * Bytes of every saved copy, variables included: tfjs saves a clone of each saved tensor, and on the wasm backend a
   * clone is a real copy, so this is what tfjs-wasm actually allocates for the tape.
   */
  copyBytes: number;
  /** Tape nodes recorded so far. */
  nodes: number;
}

function bytesOf(t: tf.Tensor): number {
  return t.size * (t.dtype === "float32" || t.dtype === "int32" ? 4 : t.dtype === "bool" ? 1 : 8);
}

/**
 * The original tensors behind a node's saved clones: for a kernel with a registered gradient, the inputs/outputs its
 * gradient config names (what tfjs cloned); for a custom-gradient node, each saved clone matched in order to an input
 * of the same shape (lib/core's matMulFast saves its two inputs), else the clone itself.
 */
function savedOriginals(node: TapeNodeLike): tf.Tensor[] {
  const saved = node.saved ?? [];
  if (saved.length === 0) return [];
  const cfg = tf.getGradient(node.kernelName);
  if (cfg) {
    const ins = cfg.saveAllInputs
      ? Object.values(node.inputs)
      : (cfg.inputsToSave ?? []).map((k) => node.inputs[k]);
    const outs = node.outputs.filter((_, i) => cfg.outputsToSave?.[i]);
    const all = [...ins, ...outs];
    if (all.length === saved.length) return all;
  }
  const inputs = Object.values(node.inputs), used = new Set<number>();
  return saved.map((s) => {
    const i = inputs.findIndex((t, k) => !used.has(k) && t && t.shape.join() === s.shape.join());
    if (i < 0) return s;
    used.add(i);
    return inputs[i];
  });
}

/**
 * Bytes saved by the active gradient tape for the backward pass (see the module note). Call inside the closure given
 * to tf.variableGrads / an optimizer's minimize, after the forward; throws if no tape is recording.
 */
export function tapeSavedBytes(): TapeSaved {
  // deno-lint-ignore no-explicit-any
  const state = (tf.engine() as any).state as {
    activeTape: TapeNodeLike[] | null;
    registeredVariables: Record<string, tf.Variable>;
  };
  if (!state || !Array.isArray(state.activeTape)) {
    throw new Error("tapeSavedBytes must be called inside a gradient closure (no tape is recording)");
  }
  const varIds = new Set<unknown>(Object.values(state.registeredVariables).map((v) => v.dataId));
  const seen = new Set<unknown>();
  let bytes = 0, copyBytes = 0;
  for (const node of state.activeTape) {
    for (const t of node.saved ?? []) if (t) copyBytes += bytesOf(t);
    for (const t of savedOriginals(node)) {
      if (!t || varIds.has(t.dataId) || seen.has(t.dataId)) continue;
      seen.add(t.dataId);
      bytes += bytesOf(t);
    }
  }
  return { bytes, buffers: seen.size, copyBytes, nodes: state.activeTape.length };
}

/** What {@link measureRetained} reports. */
export interface Retained extends TapeSaved {
  /** tf.memory().numBytes at the end of the forward minus just before the gradient closure (what tfjs holds). */
  aliveBytes: number;
}

/**
 * Runs `lossFn` once under tf.variableGrads over `vars` (no update) and measures, at the end of the forward, the
 * tape's saved bytes and the bytes alive above `since` (default: tf.memory().numBytes on entry; pass an earlier
 * reading to count inputs made for the step, e.g. states of a no-grad forward); disposes everything it made.
 */
export function measureRetained(lossFn: () => tf.Scalar, vars: tf.Variable[], since?: number): Retained {
  if (typeof lossFn !== "function") throw new TypeError("lossFn must be a function returning a scalar");
  if (!Array.isArray(vars) || vars.length === 0 || vars.some((v) => !(v instanceof tf.Variable))) {
    throw new TypeError("vars must be a non-empty array of tf.Variable");
  }
  let probe: TapeSaved | null = null, alive = 0;
  const before = since === undefined ? tf.memory().numBytes : requireFinite("since", since);
  tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      const loss = lossFn();
      probe = tapeSavedBytes();
      alive = tf.memory().numBytes - before;
      return loss;
    }, vars);
    tf.dispose([value, ...Object.values(grads)]);
  });
  const p = probe as TapeSaved | null;
  if (p === null) throw new Error("lossFn did not run");
  return { ...p, aliveBytes: alive };
}

/** Peak bytes of one call of `step` (tf.profile) above the bytes allocated just before it. */
export async function peakStepBytes(step: () => void): Promise<number> {
  if (typeof step !== "function") throw new TypeError("step must be a function");
  const before = tf.memory().numBytes;
  const info = await tf.profile(() => {
    step();
  });
  return info.peakBytes - before;
}

/** Bytes of lib/train's Adam state (its moment tensors, 4 bytes per float); 0 before the first step. */
export function optimizerStateBytes(opt: Adam): number {
  if (!opt || typeof (opt as { stateSize?: unknown }).stateSize !== "number") {
    throw new TypeError("opt must be lib/train's Adam");
  }
  return opt.stateSize * 4;
}

/** What {@link kernelCounts} counted in one call. */
export interface KernelCounts {
  /** Kernels tfjs ran (every op is one or more kernel launches, each with the engine's fixed overhead). */
  kernels: number;
  /** Multiply-adds of the BatchMatMul kernels among them (see {@link countMatMulMacs}). */
  matMulMacs: number;
  /** Milliseconds the matrix-product kernels took (tf.profile's per-kernel times, summed). */
  matMulMs: number;
  /** Wall milliseconds of the whole profiled call (kernels, the engine's bookkeeping between them, the tape). */
  wallMs: number;
}

/**
 * The kernels tfjs ran during one call of `f` and the multiply-adds of its matrix products, from tf.profile's log —
 * the two things a step's wall time is made of on a small model: a fixed cost per kernel launch and the arithmetic.
 * Also the time the matrix-product kernels took and the wall time of the call, so that matMulMs / wallMs is the
 * measured share of the call spent in multiply-adds (profiling adds bookkeeping per kernel, so the share read this
 * way is if anything low).
 */
export async function kernelCounts(f: () => void): Promise<KernelCounts> {
  if (typeof f !== "function") throw new TypeError("f must be a function");
  let wallMs = 0;
  const info = await tf.profile(() => {
    const t0 = performance.now();
    f();
    wallMs = performance.now() - t0;
  });
  let macs = 0, matMulMs = 0;
  for (const k of info.kernels) {
    if (k.name !== "BatchMatMul" && k.name !== "_FusedMatMul") continue;
    matMulMs += typeof k.kernelTimeMs === "number" ? k.kernelTimeMs : 0;
    const out = k.outputShapes[0] as number[], a = k.inputShapes[0] as number[];
    const outSize = out.reduce((p, v) => p * v, 1), aSize = a.reduce((p, v) => p * v, 1);
    const batch = out.length > 2 ? out.slice(0, -2).reduce((p, v) => p * v, 1) : 1;
    macs += outSize * (aSize / (batch * out[out.length - 2]));
  }
  return { kernels: info.kernels.length, matMulMacs: macs, matMulMs, wallMs };
}

/**
 * Multiply-adds of the matrix products tfjs actually ran during `f` (a brute-force count for derivation 2 of brief
 * 27): every BatchMatMul kernel in tf.profile's log contributes size(output) × k, with the contracted length
 * k = size(a) / (rows of the output × batch) read from its first input's shape.
 */
export async function countMatMulMacs(f: () => void): Promise<number> {
  if (typeof f !== "function") throw new TypeError("f must be a function");
  return (await kernelCounts(f)).matMulMacs;
}
