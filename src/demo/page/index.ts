import { PAGE_SCRIPT } from './client.js';
import { PAGE_CSS } from './styles.js';

/** The demo's one page: a small Slack whose surfaces the script fills from the demo API. */
export function demoPageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rearview — local demo</title>
<link rel="icon" href="data:,">
<style>${PAGE_CSS}</style>
</head>
<body>
<div id="banner"><b>Local demo — nothing leaves this machine.</b>
<span>A simulated Slack workspace: every message below is the Block Kit Rearview sent.</span>
<span class="spacer"></span><span id="clock"></span>
<button data-time="deadline" title="Move the clock to the open retro's next deadline">⏩ To the deadline</button>
<button data-time="monday" title="Move the clock to next Monday 09:00, when the weekly nudges go out">⏩ Next Monday 09:00</button>
<button data-time="week" title="Move the clock a week ahead">⏩ A week ahead</button></div>
<div id="people"></div>
<div id="layout">
<nav><div class="team">Northwind GTM</div>
<button data-nav="channel"># gtm-launch</button>
<button data-nav="dm">Rearview (DM)</button>
<button data-nav="home">Rearview · Home</button></nav>
<main><header id="surface-title"></header><div id="messages"></div>
<div id="composer-row"><input id="composer" autocomplete="off" aria-label="Message or /retro command"></div></main>
<aside id="thread"><header><span>Thread</span><button id="close-thread" aria-label="Close the thread">✕</button></header><div id="thread-messages"></div></aside>
</div>
<div id="overlay"><div class="modal" id="modal"></div></div>
<div id="toast" role="status"></div>
<script>${PAGE_SCRIPT}</script>
</body>
</html>`;
}
