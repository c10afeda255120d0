// Render formulas with the KaTeX copy installed at set-up (no CDN). pymdownx.arithmatex wraps
// Markdown formulas in \( \) and \[ \]; notebook cells use $ and $$.
document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "$", right: "$", display: false },
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    ignoredClasses: ["highlight", "jp-OutputArea-output"],
    throwOnError: false,
  });
});
