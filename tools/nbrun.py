"""Executes ONE notebook through the Jupyter protocol (nbclient) with the project's Deno kernel.

Usage: nbrun.py INPUT.ipynb OUTPUT.ipynb [--timeout S] [--grace-ms G] [--final-grace-ms F] [--no-rescue]
                [--kernel NAME]

The kernel's cwd is the notebook's folder. The executed notebook is written to OUTPUT even after an error or a
timeout (with the outputs received so far), and one JSON line is printed on stdout:
  {"status": "ok"|"error"|"timeout", "seconds": s, "error"?: {"cell_index", "ename", "evalue"}, ...}

The Deno kernel can publish `status: idle` before it has flushed a cell's last outputs, and stock nbclient stops
listening at idle, so outputs are lost. `GraceClient` fixes this twice over:
  1. after idle it keeps draining iopub for that cell until `grace` seconds pass with no message for it;
  2. (rescue) a message that still arrives later for an earlier cell -- while a later cell runs, or in the final
     drain after the last cell -- is put into the cell it belongs to, and counted in the result ("late").
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from queue import Empty
from typing import Any

sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # jsonschema's optional IRI check: 1.5 s of import
import nbformat  # noqa: E402
from jupyter_core.utils import ensure_async  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionComplete, CellExecutionError, DeadKernelError  # noqa: E402
from nbformat import NotebookNode  # noqa: E402


class GraceClient(NotebookClient):
    """A NotebookClient that keeps listening after `status: idle` (see the module doc)."""

    def __init__(self, nb: NotebookNode, grace: float, rescue: bool, **kw: Any) -> None:
        super().__init__(nb, **kw)
        self.grace = grace
        self.rescue = rescue
        self.late = 0  # messages that arrived after their cell's grace window and were rescued
        self.cell_index = -1  # the cell executing now (or last executed)
        self.parents: dict[str, tuple[NotebookNode, int]] = {}  # execute msg_id -> (cell, index)

    async def _async_poll_output_msg(self, parent_msg_id: str, cell: NotebookNode, cell_index: int) -> None:
        assert self.kc is not None
        self.parents[parent_msg_id] = (cell, cell_index)
        idle = False
        while True:
            try:
                msg = await self.kc.iopub_channel.get_msg(timeout=self.grace if idle else None)
            except Empty:
                return  # the grace period passed with no message for this cell
            parent = msg["parent_header"].get("msg_id")
            if parent != parent_msg_id:
                self._rescue(msg, parent)
                continue
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                if self.grace <= 0:
                    return  # stock nbclient behaviour: stop at idle
                idle = True

    def _rescue(self, msg: dict[str, Any], parent: str | None) -> None:
        """Puts a late message for an earlier cell into that cell (status messages are dropped)."""
        if not self.rescue or parent not in self.parents or msg["msg_type"] == "status":
            return
        cell, index = self.parents[parent]
        saved = self.clear_before_next_output
        self.clear_before_next_output = False
        try:
            self.process_message(msg, cell, index)
        except CellExecutionComplete:
            pass
        finally:
            self.clear_before_next_output = saved
        self.late += 1
        outs = cell.outputs
        if len(outs) >= 2 and all(o.output_type == "stream" for o in outs[-2:]) and outs[-1].name == outs[-2].name:
            outs[-2].text += outs.pop().text  # keep the stream coalesced

    async def drain(self, seconds: float) -> None:
        """Rescues what still arrives for any executed cell until `seconds` pass with no message."""
        assert self.kc is not None
        while True:
            try:
                msg = await self.kc.iopub_channel.get_msg(timeout=seconds)
            except Empty:
                return
            self._rescue(msg, msg["parent_header"].get("msg_id"))

    async def async_execute_cell(self, cell: NotebookNode, cell_index: int, *a: Any, **kw: Any) -> NotebookNode:
        self.cell_index = cell_index
        return await super().async_execute_cell(cell, cell_index, *a, **kw)

    async def run_all(self, final_grace: float) -> None:
        """nbclient's async_execute, plus a final drain after the last cell (also after a cell error)."""
        self.reset_execution_trackers()
        async with self.async_setup_kernel():
            assert self.kc is not None
            reply = await self.async_wait_for_reply(await ensure_async(self.kc.kernel_info()))
            if reply is not None and "language_info" in reply["content"]:
                self.nb.metadata["language_info"] = reply["content"]["language_info"]
            try:
                for index, cell in enumerate(self.nb.cells):
                    await self.async_execute_cell(cell, index, execution_count=self.code_cells_executed + 1)
            finally:
                if self.rescue and self.kc is not None:
                    await self.drain(final_grace)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    nb = nbformat.read(args.input, as_version=4)
    cwd = os.path.dirname(os.path.abspath(args.input))
    client = GraceClient(
        nb,
        grace=args.grace_ms / 1000,
        rescue=not args.no_rescue,
        kernel_name=args.kernel,
        timeout=int(args.timeout) + 1,
        startup_timeout=60,
        resources={"metadata": {"path": cwd}},
    )
    t0 = time.monotonic()
    result: dict[str, Any] = {"status": "ok"}
    task = asyncio.ensure_future(client.run_all(args.final_grace_ms / 1000))
    done, _ = await asyncio.wait({task}, timeout=args.timeout)
    if not done:
        client.shutdown_kernel = "immediate"  # a hung kernel is killed, not asked
        task.cancel()
        try:
            await asyncio.wait_for(task, 30)
        except BaseException:
            pass
        result = {"status": "timeout", "error": {"cell_index": client.cell_index, "ename": "Timeout",
                                                  "evalue": f"notebook exceeded {args.timeout:g} s"}}
    elif task.exception() is not None:
        err = task.exception()
        if isinstance(err, CellExecutionError):
            info = {"cell_index": client.cell_index, "ename": err.ename, "evalue": err.evalue}
        else:
            name = "DeadKernelError" if isinstance(err, DeadKernelError) else type(err).__name__
            info = {"cell_index": client.cell_index, "ename": name, "evalue": str(err)}
        result = {"status": "error", "error": info}
    result["seconds"] = round(time.monotonic() - t0, 3)
    result["cells"] = client.code_cells_executed
    result["late"] = client.late
    result["grace_ms"] = args.grace_ms
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    nbformat.write(nb, args.output)
    return result


def main() -> None:
    p = argparse.ArgumentParser(description="Execute one notebook with the project's Deno kernel.")
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--timeout", type=float, default=600.0, help="seconds for the whole notebook")
    p.add_argument("--grace-ms", type=float, default=2.0, help="listen this long after idle (0: stop at idle)")
    p.add_argument("--final-grace-ms", type=float, default=200.0, help="drain after the last cell")
    p.add_argument("--no-rescue", action="store_true", help="drop messages for earlier cells (for measuring)")
    p.add_argument("--kernel", default="scispaces-deno")
    args = p.parse_args()
    if not args.timeout > 0:
        p.error(f"--timeout must be > 0, got {args.timeout}")
    if args.grace_ms < 0:
        p.error(f"--grace-ms must be >= 0, got {args.grace_ms}")
    print(json.dumps(asyncio.run(run(args))), flush=True)


if __name__ == "__main__":
    sys.exit(main())
