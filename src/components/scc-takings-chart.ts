import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { Chart } from 'chart.js';
import { formatDay } from '../lib/domain/dates';
import { formatCents } from '../lib/domain/money';
import { RECONCILED_METHODS, type Reconciliation } from '../lib/domain/reconciliation';
import { PAYMENT_METHODS } from '../graphql/types';
import { controls } from '../styles/shared';

// One colour per method, told apart without colour too (the legend names them, the tables hold the numbers).
const COLOURS: Record<string, string> = {
  CASH: '#1e7a3c',
  CARD: '#0b5cad',
  CHECK: '#b7791f',
  ACH: '#6b46c1',
  OTHER: '#4a5568',
};

/**
 * The range's takings by day and method, a stacked bar per day, drawn with Chart.js. Chart.js is
 * loaded here by dynamic import, the first time a chart is drawn, so it weighs only on this page
 * (never on the shell's first paint). Refunds are not stacked in: the tables show them apart.
 * The canvas is described for screen readers; the day table beside it carries the same numbers.
 */
@customElement('scc-takings-chart')
export class SccTakingsChart extends LitElement {
  static override styles = [
    controls,
    css`
    :host { display: block; }
    .frame { position: relative; height: 16rem; }
  `,
  ];

  @query('canvas') private canvas?: HTMLCanvasElement;

  private chart?: Chart;

  private drawing = new Task(this, {
    task: async ([totals]) => {
      if (!totals) return;
      const { Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip } =
        await import('chart.js');
      Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
      await this.updateComplete;
      this.chart?.destroy();
      this.chart = new Chart(this.canvas!, {
        type: 'bar',
        data: {
          labels: totals.days.map((d) => formatDay(d.day)),
          datasets: RECONCILED_METHODS.map((m) => ({
            label: PAYMENT_METHODS.find((p) => p.value === m)?.label ?? m,
            data: totals.days.map((d) => d.takings[m] / 100),
            backgroundColor: COLOURS[m],
          })),
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: {
            x: { stacked: true },
            y: { stacked: true, ticks: { callback: (v) => formatCents(Math.round(Number(v) * 100)) } },
          },
          plugins: {
            tooltip: {
              callbacks: { label: (c) => `${c.dataset.label}: ${formatCents(Math.round(Number(c.raw) * 100))}` },
            },
          },
        },
      });
      return this.chart;
    },
    args: () => [this.totals] as const,
  });

  /** The totals to draw (whole: the page passes them only once every page is in). */
  @property({ attribute: false }) totals?: Reconciliation;

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = undefined;
  }

  override render() {
    const t = this.totals;
    const label = t
      ? `Takings by day and method, ${formatDay(t.from)} to ${formatDay(t.to)}: ${formatCents(t.takingsCents)} in all.`
      : '';
    return html`
      <div class="frame"><canvas role="img" aria-label=${label}></canvas></div>
      ${this.drawing.render({
        pending: () => html`<p class="hint" role="status">Drawing the chart…</p>`,
        error: () =>
          html`<p class="error" role="alert">The chart could not be drawn; the tables hold the same numbers.</p>`,
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-takings-chart': SccTakingsChart;
  }
}
