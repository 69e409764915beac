// The reports' charts, drawn with Chart.js from each canvas's data-chart attribute (the
// same numbers as the table beside it). Right to left in Arabic and Persian: the
// category axis runs from the right, the value axis sits on the right, legends and
// tooltips read right to left, and every number is shown in the reader's digits.
(() => {
  const PALETTE = ["#0f766e", "#b45309", "#1d4ed8", "#9d174d", "#4d7c0f", "#6d28d9", "#0e7490", "#a16207"];
  const DIGITS = { fa: "۰۱۲۳۴۵۶۷۸۹", ar: "٠١٢٣٤٥٦٧٨٩" };
  const lang = (document.documentElement.lang || "en").slice(0, 2);
  const rtl = document.documentElement.dir === "rtl";
  const local = (value) => {
    const digits = DIGITS[lang];
    const text = typeof value === "number" ? value.toLocaleString("en-US", { maximumFractionDigits: 1 }) : String(value);
    return digits ? text.replace(/[0-9]/g, (d) => digits[Number(d)]) : text;
  };
  const draw = (canvas) => {
    if (!window.Chart || canvas.dataset.drawn) return;
    let spec;
    try { spec = JSON.parse(canvas.dataset.chart || "{}"); } catch { return; }
    if (!spec.labels || !spec.labels.length) return;
    canvas.dataset.drawn = "1";
    const horizontal = Boolean(spec.horizontal);
    const category = { reverse: rtl && !horizontal, ticks: { autoSkip: true } };
    const values = {
      beginAtZero: true,
      position: horizontal ? "bottom" : (rtl ? "right" : "left"),
      reverse: rtl && horizontal,
      ticks: { callback: (v) => local(v) },
    };
    new window.Chart(canvas, {
      type: spec.type || "bar",
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map((d, i) => ({
          label: d.label,
          data: d.data,
          backgroundColor: PALETTE[i % PALETTE.length],
          borderColor: PALETTE[i % PALETTE.length],
          spanGaps: true,
        })),
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        locale: lang === "fa" ? "fa-IR" : lang === "ar" ? "ar-EG" : "en-GB",
        scales: horizontal
          ? { x: values, y: { ...category, position: rtl ? "right" : "left" } }
          : { x: category, y: values },
        plugins: {
          legend: { rtl, textDirection: rtl ? "rtl" : "ltr", display: spec.datasets.length > 1 },
          tooltip: {
            rtl,
            textDirection: rtl ? "rtl" : "ltr",
            callbacks: { label: (ctx) => `${ctx.dataset.label}: ${local(ctx.parsed[horizontal ? "x" : "y"])}` },
          },
        },
      },
    });
  };
  const all = () => document.querySelectorAll("canvas[data-chart]").forEach(draw);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
  // Printed pages are narrower than the screen: let each chart fit the paper.
  window.addEventListener("beforeprint", () => {
    Object.values(window.Chart ? window.Chart.instances : {}).forEach((c) => c.resize());
  });
})();
