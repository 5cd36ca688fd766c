/** The demo page's look: a plain, Slack-like layout that also reads at phone width. */
export const PAGE_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 -apple-system, "Segoe UI", "DejaVu Sans", Roboto, sans-serif; color: #1d1c1d; background: #fff; }
#banner { background: #fff4d6; border-bottom: 1px solid #e8d9a8; padding: 6px 14px; font-size: 13px; display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
#banner b { color: #6b4d00; }
#banner .spacer { flex: 1; }
#banner button, #people button { font: inherit; font-size: 13px; border: 1px solid #ccc; background: #fff; border-radius: 6px; padding: 3px 8px; cursor: pointer; }
#people { display: flex; flex-wrap: wrap; gap: 6px; padding: 8px 14px; border-bottom: 1px solid #eee; background: #fafafa; font-size: 13px; align-items: center; }
#people button[aria-pressed="true"] { background: #1264a3; color: #fff; border-color: #1264a3; }
#layout { display: flex; min-height: calc(100vh - 90px); }
nav { width: 220px; background: #3f0e40; color: #e8dde8; padding: 12px 0; flex-shrink: 0; }
nav .team { font-weight: 700; color: #fff; padding: 0 16px 10px; }
nav button { display: block; width: 100%; text-align: left; background: none; border: 0; color: inherit; font: inherit; padding: 5px 16px; cursor: pointer; }
nav button[aria-current="true"] { background: #1164a3; color: #fff; }
main { flex: 1; min-width: 0; display: flex; flex-direction: column; }
main header { padding: 10px 16px; border-bottom: 1px solid #eee; font-weight: 700; }
#messages { flex: 1; padding: 8px 16px; overflow-y: auto; }
.msg { display: flex; gap: 10px; padding: 8px 0; }
.msg.ephemeral { background: #f4f9ff; border-left: 3px solid #1264a3; padding-left: 8px; }
.avatar { width: 36px; height: 36px; border-radius: 6px; background: #4a154b; color: #fff; display: flex; align-items: center; justify-content: center; font-weight: 700; flex-shrink: 0; font-size: 13px; }
.avatar.bot { background: #2eb67d; }
.msg-main { min-width: 0; flex: 1; }
.msg-head { font-size: 14px; } .msg-head b { margin-right: 6px; } .msg-head small, .only-you { color: #616061; font-size: 12px; }
.replies { background: none; border: 0; color: #1264a3; cursor: pointer; padding: 2px 0; font: inherit; font-size: 13px; }
.files a { display: inline-block; margin: 4px 8px 0 0; font-size: 13px; }
.files img { max-width: 100%; max-height: 320px; display: block; border: 1px solid #eee; border-radius: 6px; margin-top: 4px; }
#composer-row { padding: 10px 16px; border-top: 1px solid #eee; }
#composer { width: 100%; padding: 9px 10px; font: inherit; border: 1px solid #bbb; border-radius: 8px; }
#thread { width: 380px; border-left: 1px solid #eee; display: none; flex-direction: column; }
#thread.open { display: flex; }
#thread header { display: flex; justify-content: space-between; }
#thread-messages { padding: 8px 16px; overflow-y: auto; flex: 1; }
#empty { padding: 24px; text-align: center; color: #616061; }
#sample-retro { font: inherit; background: #007a5a; color: #fff; border: 0; border-radius: 8px; padding: 10px 18px; cursor: pointer; margin-top: 10px; }
#overlay { position: fixed; inset: 0; background: rgba(0,0,0,.45); display: none; align-items: flex-start; justify-content: center; padding: 40px 10px; overflow-y: auto; z-index: 10; }
#overlay.open { display: flex; }
.modal { background: #fff; border-radius: 10px; width: 560px; max-width: 100%; box-shadow: 0 10px 40px rgba(0,0,0,.3); }
.bk-modal-title { font-size: 19px; font-weight: 800; padding: 16px 20px; border-bottom: 1px solid #eee; }
.bk-modal-body { padding: 8px 20px; }
.bk-modal-foot { display: flex; justify-content: flex-end; gap: 8px; padding: 12px 20px; border-top: 1px solid #eee; }
#toast { position: fixed; bottom: 16px; left: 50%; transform: translateX(-50%); background: #1d1c1d; color: #fff; padding: 8px 14px; border-radius: 8px; display: none; z-index: 20; max-width: 90%; }
.bk-block { margin: 6px 0; }
.bk-section { display: flex; gap: 10px; justify-content: space-between; align-items: flex-start; }
.bk-section-body { min-width: 0; flex: 1; overflow-wrap: anywhere; }
.bk-fields { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 16px; margin-top: 4px; }
.bk-header h3 { margin: 8px 0 2px; font-size: 18px; }
.bk-divider hr { border: 0; border-top: 1px solid #ddd; }
.bk-context { color: #616061; font-size: 13px; }
.bk-context img { width: 18px; height: 18px; vertical-align: middle; }
.bk-actions { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.bk-button { font: inherit; font-size: 14px; font-weight: 600; border: 1px solid #bbb; background: #fff; border-radius: 6px; padding: 4px 12px; cursor: pointer; }
.bk-primary { background: #007a5a; color: #fff; border-color: #007a5a; }
.bk-danger { background: #e01e5a; color: #fff; border-color: #e01e5a; }
.bk-overflow { position: relative; display: inline-block; }
.bk-overflow summary { list-style: none; }
.bk-overflow summary::-webkit-details-marker { display: none; }
.bk-menu { position: absolute; right: 0; z-index: 5; background: #fff; border: 1px solid #ddd; border-radius: 8px; box-shadow: 0 4px 14px rgba(0,0,0,.15); padding: 4px 0; min-width: 220px; }
.bk-menu-item { display: block; width: 100%; text-align: left; background: none; border: 0; font: inherit; padding: 6px 14px; cursor: pointer; }
.bk-menu-item:hover { background: #1264a3; color: #fff; }
.bk-label { display: block; font-weight: 700; margin-top: 10px; }
.bk-optional { font-weight: 400; color: #616061; }
.bk-hint { color: #616061; font-size: 13px; }
.bk-error { color: #e01e5a; font-size: 13px; }
.bk-input-el, .bk-select { width: 100%; font: inherit; padding: 7px 8px; border: 1px solid #bbb; border-radius: 6px; margin-top: 4px; }
.bk-accessory .bk-select { width: auto; }
.bk-choice { display: block; margin: 4px 0; }
.bk-image img { max-width: 100%; }
.bk-mention { background: #e8f5fa; color: #1264a3; border-radius: 3px; padding: 0 2px; }
blockquote { border-left: 4px solid #ddd; margin: 4px 0; padding-left: 10px; color: #444; }
pre { background: #f6f6f6; border: 1px solid #eee; padding: 8px; border-radius: 6px; white-space: pre-wrap; }
code { background: #f6f6f6; border: 1px solid #eee; border-radius: 3px; padding: 0 3px; color: #c01343; }
@media (max-width: 760px) {
  #layout { flex-direction: column; }
  /* The three places wrap rather than scroll sideways: Home stays in reach on the narrowest phone. */
  nav { width: 100%; display: flex; flex-wrap: wrap; gap: 2px; padding: 4px; }
  nav .team { display: none; }
  nav button { width: auto; white-space: nowrap; padding: 5px 10px; border-radius: 6px; }
  .bk-actions .bk-button { max-width: 100%; white-space: normal; }
  #thread { width: 100%; border-left: 0; border-top: 1px solid #eee; }
  .bk-fields { grid-template-columns: 1fr; }
}
`;
