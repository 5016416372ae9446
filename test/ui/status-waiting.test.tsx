// While a native command waits (docker run -d returns once the container runs),
// the status line says what it waits for at any width: the line typed gives way
// before that, and "esc stops waiting" before the line (the footer says it too).
import { describe, expect, it } from 'vitest';
import { fitRunning } from '../../src/ui/components/StatusLine.js';
import { renderApp } from './helpers.js';

const LINE = 'docker run -d --name web --memory 256m --cpus 1 --restart unless-stopped nginx:1.27';
const STATUS = `${LINE} · waiting for web to start · esc stops waiting`;

describe('the status line while a command waits', () => {
  it('keeps what the command waits for in view', () => {
    expect(fitRunning(STATUS, 200)).toBe(STATUS);
    expect(fitRunning(STATUS, 110)).toBe(`${LINE} · waiting for web to start`);
    expect(fitRunning(STATUS, 78)).toBe('docker run -d --name web --memory 256m --cpus 1 --… · waiting for web to start');
    expect(fitRunning(STATUS, 78)).toHaveLength(78);
    expect(fitRunning(STATUS, 30)).toBe('docker run -d --name web --me…');
  });

  it('shows it at 80 columns, with the footer saying esc stops waiting', async () => {
    const app = await renderApp(80, 24);
    await app.type(':');
    await app.type(LINE);
    await app.type('\r');
    const [status, footer] = app.frame().split('\n').slice(-2);
    expect(status).toMatch(/^\$ docker run -d .*… · waiting for web to start$/);
    expect(status.length).toBeLessThanOrEqual(80);
    expect(footer).toContain('Esc stop waiting');
    app.unmount();
  });
});
