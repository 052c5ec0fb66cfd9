/**
 * lib/finetune: the fine-tuning bench shared by notebooks 01 (ladder side-tuning) and 27 (LoRA): the MNIST transfer
 * task (digits 0–4 → 5–9), the pre-trained residual backbone through the weight cache, and one runner that adapts it
 * by head-only, prompt, Adapter, LoRA (and its variants), LST or full fine-tuning and measures each (trainable
 * parameters, bytes kept for backprop, peak bytes, optimizer state, time per step, accuracy). The model pieces
 * themselves (backbone, adapters, ladder, memory probes) are lib/train's.
 * @module
 */
export * from "./tasks.ts";
export * from "./pretrained.ts";
export * from "./methods.ts";
export * from "./random_projection.ts";
export * from "./step_cost.ts";
