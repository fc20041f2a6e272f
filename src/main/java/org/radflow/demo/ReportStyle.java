package org.radflow.demo;

/**
 * The report's style sheet, inline so the page needs nothing beside it. Laid out for a laptop
 * screen of about 1366 pixels: the summary's tables side by side, the charts full width.
 */
final class ReportStyle {

  private ReportStyle() {}

  static final String CSS =
      """
      *{box-sizing:border-box}
      body{margin:0;background:#f6f8fa;color:#24292f;
        font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
      main{max-width:1200px;margin:0 auto;padding:24px 32px 48px}
      h1{font-size:28px;margin:0 0 4px}
      h2{font-size:19px;margin:0 0 12px}
      section,header{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:18px 22px;
        margin:0 0 18px}
      .when{color:#57606a;margin:0 0 12px}
      .verdict{margin:0;padding:10px 14px;border-radius:6px;font-size:17px;border:1px solid}
      .verdict.passed{background:#dafbe1;color:#116329;border-color:#4ac26b}
      .verdict.failed{background:#ffebe9;color:#a40e26;border-color:#ff8182}
      .tables{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:14px 22px;
        align-items:start}
      table{border-collapse:collapse;width:100%}
      caption{text-align:left;font-weight:600;padding:0 0 4px;border-bottom:2px solid #d0d7de}
      th,td{padding:3px 6px;border-bottom:1px solid #eaeef2}
      th{text-align:left;font-weight:normal}
      td{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      tr.alarm th,tr.alarm td{background:#ffebe9;color:#a40e26;font-weight:700}
      .flag{display:inline-block;white-space:nowrap;font-size:11px;font-weight:600;color:#fff;
        background:#cf222e;border-radius:8px;
        padding:1px 6px;margin-left:4px;vertical-align:1px}
      figure{margin:0}
      figure.timeline{display:flex;gap:20px;align-items:flex-start}
      figure.timeline svg{flex:0 0 820px;width:820px;height:auto}
      figure.timeline figcaption{flex:1;font-size:13px;color:#57606a}
      figure.wide svg{width:100%;height:auto}
      figure.wide figcaption{font-size:13px;color:#57606a;margin-top:6px}
      .legend{list-style:none;margin:0 0 10px;padding:0;color:#24292f}
      .legend li{margin:2px 0;white-space:nowrap}
      .swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:7px;
        vertical-align:-1px}
      .figures{margin:10px 0 0;font-variant-numeric:tabular-nums}
      .figures span{margin-right:14px;font-weight:600}
      .empty{color:#57606a;font-style:italic;margin:0}
      .notes{margin:0;padding-left:22px}
      .notes li{margin:3px 0}
      """;
}
