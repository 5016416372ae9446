// The whole screen: header, tabs, the pane's list (and detail view), or the
// overlay that is open; the status line and the footer. It renders what the
// controller holds and hands it every key; it changes nothing itself.

import { Box, useApp, useInput, useStdout } from 'ink';
import type React from 'react';
import { useEffect, useSyncExternalStore } from 'react';
import { ADMINISTRATOR } from '../../access/directory.js';
import type { Controller } from '../controller.js';
import { hints } from '../hints.js';
import { firstRow, logRoom } from '../input/logs.js';
import { pickCommand } from '../input/pick-preview.js';
import { keyLabel, keyPresses } from '../keys.js';
import { type Layout, layout } from '../layout.js';
import { kubectlLabel } from '../log-args.js';
import { logRows } from '../log-rows.js';
import { helpPanel, outputRows, panelHeight, panelInner } from '../panels.js';
import { PANES, paneDef } from '../panes/index.js';
import { moveCursor } from '../state.js';
import { ThemeProvider } from '../theme.js';
import { Confirm } from './Confirm.js';
import { DetailPane } from './DetailPane.js';
import { Footer } from './Footer.js';
import { Form } from './Form.js';
import { Header } from './Header.js';
import { Help } from './Help.js';
import { LogView } from './LogView.js';
import { Output } from './Output.js';
import { Pick } from './Pick.js';
import { StatusLine, type StatusProps } from './StatusLine.js';
import { Table } from './Table.js';
import { Tabs } from './Tabs.js';
import { TaskBar } from './TaskBar.js';
import { TooSmall } from './TooSmall.js';

/** Keeps the controller's idea of the terminal size current. */
function useTerminalSize(controller: Controller): void {
  const { stdout } = useStdout();
  useEffect(() => {
    const update = () => controller.resize(stdout.columns || 80, stdout.rows || 24);
    update();
    stdout.on('resize', update);
    return () => {
      stdout.off('resize', update);
    };
  }, [stdout, controller]);
}

export function App({ controller }: { controller: Controller }) {
  useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  useTerminalSize(controller);
  const { exit } = useApp();
  useInput((input, key) => {
    for (const [name, text] of keyPresses(input, key)) controller.press(name, text);
  });
  const quitting = controller.state.quitting;
  useEffect(() => {
    if (quitting) exit();
  }, [quitting, exit]);
  return <Frame controller={controller} />;
}

/** What the status line shows: the prompt or filter being typed, a message, or the filter and row count. */
function statusProps(ctl: Controller): StatusProps {
  const s = ctl.state;
  const o = s.overlay;
  const list = ctl.rows();
  return {
    prompt: o?.type === 'prompt' ? { edit: o.edit, completions: o.completions } : undefined,
    filterEdit: s.filterEdit?.edit,
    filterError: list.filterError,
    message: s.message,
    running: s.running,
    filter: s.panes[s.pane].filter,
    shown: list.rows.length,
    total: list.total,
    width: ctl.width,
  };
}

/** The status line alone: while a command is typed at the prompt, nothing else on screen changes. */
export function StatusFrame({ controller }: { controller: Controller }) {
  return (
    <ThemeProvider theme={controller.theme}>
      <Box width={controller.width}>
        <StatusLine {...statusProps(controller)} />
      </Box>
    </ThemeProvider>
  );
}

/** What is open behind the too-small notice, said so the user knows it waits (keys do not reach it). */
function openBehind(ctl: Controller): string | undefined {
  const o = ctl.state.overlay;
  if (o?.type === 'prompt') return 'The : prompt';
  if (o?.type === 'help') return 'Help';
  if (o?.type === 'logs') return 'The logs view';
  if (o) return `"${o.title}"`;
  if (ctl.state.filterEdit) return 'The / filter';
  return undefined;
}

/** One frame of the screen, with no terminal behind it: tapes render this to a string. */
export function Frame({ controller }: { controller: Controller }) {
  return (
    <ThemeProvider theme={controller.theme}>
      <Screen controller={controller} />
    </ThemeProvider>
  );
}

function Screen({ controller: ctl }: { controller: Controller }) {
  const s = ctl.state;
  const lay = ctl.layout();
  if (lay.tooSmall) return <TooSmall width={lay.width} height={lay.height} quitKey={keyLabel(ctl.keymap.keyOf('quit') ?? 'ctrl+c')} open={openBehind(ctl)} />;
  const pane = paneDef(s.pane);
  const list = ctl.rows();
  const counts = Object.fromEntries(
    PANES.map((d) => [d.id, d.id === s.pane ? (list.rows.length === list.total ? String(list.total) : `${list.rows.length}/${list.total}`) : '']),
  );
  if (pane.caption) counts[s.pane] = `${counts[s.pane]} · ${pane.caption(ctl.rowContext())}`;
  const sort = s.panes[s.pane].sort;
  const sortColumn = sort && pane.columns.find((c) => c.id === sort.column);
  const sortLabel = sortColumn ? `sorted by ${sortColumn.title} ${sort.desc ? '↓' : '↑'}` : '';
  const o = s.overlay;
  let body: React.ReactNode;
  if (o?.type === 'help') body = <Help lines={helpPanel(ctl)} scroll={o.scroll} rows={lay.bodyRows} width={lay.width} />;
  else if (o?.type === 'output') {
    // The panel is as tall as its answer (up to the body); the list stays in view under it.
    const lines = outputRows(o.lines, panelInner(lay.width));
    const height = panelHeight(lines.length, lay.bodyRows);
    const under = layout(lay.width, lay.height - height, s.detail !== undefined, ctl.tasks().length > 0);
    body = (
      <>
        <Output title={o.title} lines={lines} scroll={o.scroll} failed={o.failed} rows={height} width={lay.width} />
        {height < lay.bodyRows ? <ListBody ctl={ctl} lay={under} /> : null}
      </>
    );
  } else if (o?.type === 'logs') {
    const shown = logRows(ctl.estate, o.workloads, o.filter, o.kubectl);
    const names = [...o.workloads.map((id) => ctl.estate.sim.workload(id)?.name ?? id), ...(o.kubectl ?? []).map(kubectlLabel)].join(', ');
    const first = firstRow(ctl, o, shown.rows.length);
    const status = [
      o.follow ? 'following' : `${first + 1}-${Math.min(shown.rows.length, first + logRoom(ctl))} of ${shown.rows.length}`,
      o.edit ? `/${o.edit.text}▏` : o.filter ? `/${o.filter} (${shown.rows.length} of ${shown.total})` : '',
      shown.error ?? '',
      ...shown.quiet,
    ].filter(Boolean);
    body = <LogView title={`logs: ${names}`} rows={shown.rows} first={first} status={`  ${status.join(' · ')}`} height={lay.bodyRows} width={lay.width} />;
  } else if (o?.type === 'pick')
    body = <Pick title={o.title} options={o.options} cursor={o.cursor} command={pickCommand(ctl, o)} rows={lay.bodyRows} width={lay.width} />;
  else if (o?.type === 'confirm') body = <Confirm title={o.title} lines={o.lines} command={o.command} yes={o.yes} width={lay.width} />;
  else if (o?.type === 'form') body = <Form title={o.title} fields={o.fields} focus={o.focus} preview={o.preview} previewOk={o.previewOk} width={lay.width} />;
  else body = <ListBody ctl={ctl} lay={lay} />;
  return (
    <Box flexDirection="column" width={lay.width} height={lay.height}>
      <Header
        name={ctl.estate.name}
        now={ctl.estate.sim.now}
        speed={s.speed}
        behind={s.behind}
        totals={ctl.totals()}
        readonly={ctl.readonly}
        {...(ctl.estate.providers.access.actor === ADMINISTRATOR ? {} : { actor: ctl.estate.providers.access.actor })}
        width={lay.width}
      />
      <Tabs active={s.pane} counts={counts} sortLabel={sortLabel} width={lay.width} />
      {/* Only rows are clipped: every view fits its width already, and clipping across costs a slice of every line on every frame. */}
      <Box height={lay.bodyRows} flexDirection="column" overflowY="hidden">
        {body}
      </Box>
      {ctl.tasks().length > 0 ? <TaskBar ops={ctl.tasks()} now={ctl.estate.sim.now} /> : null}
      <StatusLine {...statusProps(ctl)} />
      <Footer hints={hints(ctl)} width={lay.width} />
    </Box>
  );
}

/** The pane's list and, if open, the detail view, in the rows `lay` gives them. */
function ListBody({ ctl, lay }: { ctl: Controller; lay: Layout }) {
  const s = ctl.state;
  const pane = paneDef(s.pane);
  const list = ctl.rows();
  // The rows may have changed under the cursor (a filter, a deletion): show it within them.
  const p = moveCursor(s.panes[s.pane], s.panes[s.pane].cursor, list.rows.length, lay.listRows);
  const table =
    lay.listRows > 0 ? (
      <Table
        pane={pane}
        ctx={ctl.rowContext()}
        rows={list.rows}
        cursor={p.cursor}
        top={p.top}
        height={lay.listRows}
        width={lay.listWidth}
        sort={p.sort}
        empty={list.total === 0 ? pane.empty : 'No rows match the filter (esc clears it).'}
      />
    ) : null;
  const detail =
    s.detail && lay.detail ? (
      <DetailPane estate={ctl.estate} subject={s.detail} rows={lay.detail.rows} width={lay.detail.width} scroll={s.detailScroll} />
    ) : null;
  return (
    <Box flexDirection={lay.detail?.placement === 'side' ? 'row' : 'column'} flexShrink={0}>
      {table}
      {detail && lay.detail?.placement === 'side' ? <Box marginLeft={1}>{detail}</Box> : detail}
    </Box>
  );
}
