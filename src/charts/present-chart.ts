import { bold } from '../slack/mrkdwn.js';

/** A file name from the retro title: letters, digits, dots and dashes only. */
export function chartFilename(title: string): string {
  const base =
    title
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'retro';
  return `${base}-kpis.png`;
}

export function chartTitle(title: string): string {
  return `KPIs of ${title}`;
}

/** Told once to the retro's facilitator when Slack would not take the chart; the summary went out anyway. */
export function presentChartRefused(title: string, reason: string): { text: string } {
  return {
    text:
      `The KPI chart of ${bold(title)} could not be added to the retro's thread (Slack answered \`${reason.replace(/`/g, '')}\`). ` +
      'The summary with every KPI was posted as usual. If the app may not upload files here, an admin can reinstall it with the `files:write` permission.',
  };
}
