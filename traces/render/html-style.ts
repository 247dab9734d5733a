// The stylesheet and the small script of the HTML page, inline so the page needs no network.

export const PAGE_CSS = `
:root { --ink: #1d2330; --muted: #5d6677; --line: #d9dee7; --bad: #c62828; --bad-bg: #fde7e7; --band-a: #eef3fb; --band-b: #f7f3ea; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); background: #fafbfd; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 24px 8px; }
h3 { font-size: 13px; margin: 12px 0 4px; color: var(--muted); }
details.note summary { cursor: pointer; list-style: none; }
details.note[open] summary { display: none; }
ul.key { margin: 0 24px 8px; padding-left: 18px; font-size: 12px; color: var(--muted); }
ul.key b { color: var(--ink); font-weight: 600; }
#lanes td.replication { font-family: ui-monospace, monospace; font-size: 11px; white-space: nowrap; color: var(--muted); background: #f8faf8; }
#lanes td.replication .repl.changed { color: var(--ink); font-weight: 700; }
.event.local { font-weight: 400; font-style: italic; }
#mismatch { margin-top: 8px; background: #fff; font-size: 12px; }
#mismatch th, #mismatch td { border: 1px solid var(--line); padding: 2px 8px; text-align: left; font-family: ui-monospace, monospace; }
#mismatch thead th { font-family: inherit; color: var(--muted); }
#mismatch td.model { color: #6a3fb5; } #mismatch td.system { color: var(--bad); font-weight: 600; }
.note { color: var(--muted); margin: 0 0 8px; }
p.legend-note { margin: 0 24px 8px; font-size: 12px; }
.kind { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; background: #e3e8f2; margin-right: 6px; }
.kind.counterexample { background: var(--bad-bg); color: var(--bad); }
#violation { margin: 12px 24px; padding: 10px 14px; border-left: 4px solid var(--bad); background: var(--bad-bg); }
#violation a { color: var(--bad); font-weight: 600; }
.rule { font-family: ui-monospace, monospace; font-weight: 700; color: var(--bad); margin-right: 6px; }
dl.run { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 0; font-size: 13px; }
dl.run dt { color: var(--muted); } dl.run dd { margin: 0; font-family: ui-monospace, monospace; word-break: break-all; }
table { border-collapse: collapse; }
.scroll { overflow-x: auto; margin: 0 24px 16px; }
#lanes th, #lanes td { border-bottom: 1px solid var(--line); padding: 4px 8px; vertical-align: top; text-align: left; }
#lanes th.lane { position: sticky; top: 0; background: #fff; min-width: 150px; border-bottom: 2px solid var(--ink); }
#lanes td.lane { border-left: 1px dashed var(--line); min-width: 150px; }
#lanes td.seq, #lanes td.time { font-family: ui-monospace, monospace; color: var(--muted); white-space: nowrap; }
#lanes td.band { font-size: 12px; white-space: nowrap; border-left: 4px solid transparent; }
#lanes tr.gen-even td.band { background: var(--band-a); } #lanes tr.gen-odd td.band { background: var(--band-b); }
#lanes tr.gen-start td { border-top: 2px solid #8fa3c7; }
#lanes tr.violating td { background: var(--bad-bg); }
#lanes tr.violating td.seq { color: var(--bad); font-weight: 700; }
#lanes tr.final td.seq::after { content: " F"; color: #8a6d00; }
#lanes tr.final td.seq { cursor: help; }
.event { font-weight: 600; } .event.env { color: var(--muted); font-style: italic; }
.arrow { color: var(--muted); font-size: 12px; }
.answer { font-family: ui-monospace, monospace; font-size: 12px; margin-top: 2px; }
.answer.error { color: var(--bad); }
.answer.model { color: #6a3fb5; } .answer.expected { color: #0b6e4f; }
.answer.late::before { content: "\\21b3 "; }
.msg { color: var(--bad); font-weight: 600; margin-top: 4px; }
.stepnote { color: var(--muted); font-size: 12px; }
details.raw summary { cursor: pointer; color: var(--muted); font-size: 12px; }
details.raw pre { font-size: 11px; max-width: 480px; overflow: auto; background: #f6f7f9; padding: 6px; }
#ownership th, #ownership td { border: 1px solid var(--line); padding: 2px 6px; font-size: 12px; text-align: center; min-width: 34px; }
#ownership th.partition { text-align: left; font-family: ui-monospace, monospace; }
#ownership td.owned { color: #fff; font-weight: 600; }
#ownership td.split { background: var(--bad) !important; color: #fff; }
#ownership td.violating-step { outline: 2px solid var(--bad); }
.legend span { display: inline-block; margin-right: 10px; font-size: 12px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: middle; }
table.config th, table.config td { text-align: left; padding: 1px 12px 1px 0; font-family: ui-monospace, monospace; font-size: 12px; }
table.config thead th { font-family: inherit; color: var(--muted); font-weight: 600; }
table.config tbody th { font-weight: 400; }
table.config tr.changed th, table.config tr.changed td:nth-child(2) { font-weight: 700; color: #8a4b00; }
table.config tr.default { color: var(--muted); }
tr.highlight td { box-shadow: inset 0 0 0 9999px rgba(255, 214, 0, 0.18); }
`;

/** Clicking a lane header highlights that lane's rows; the violation link scrolls and flashes. */
export const PAGE_SCRIPT = `
(function () {
  document.querySelectorAll('#lanes th.lane').forEach(function (header) {
    header.addEventListener('click', function () {
      var lane = header.getAttribute('data-lane');
      document.querySelectorAll('#lanes tr.step').forEach(function (row) {
        var cell = row.querySelector('td.lane[data-lane="' + lane + '"]');
        row.classList.toggle('highlight', !!cell && cell.textContent.trim() !== '');
      });
    });
  });
})();
`;
