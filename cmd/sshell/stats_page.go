package main

import (
	"html/template"
	"sync"
)

// statsPage is the self-contained page `sshell stats --html` writes: no
// script, no link; the charts are inline SVG. It is parsed on first use, so
// that other verbs (the typo path above all) do not pay for it.
var statsPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("stats").Funcs(template.FuncMap{
		"secs": secs, "percent": percent, "bytes": bytesOf, "short": short,
	}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>sshell stats</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse}td,th{padding:2px 10px;text-align:right}td:first-child,th:first-child{text-align:left}
tr:nth-child(even){background:#f4f4f4}.setup{fill:#d9534f}.exec{fill:#5b9bd5}.hist{fill:#7a7}
svg text{font:12px system-ui,sans-serif}
</style></head><body>
<h1>sshell stats</h1>
<p>From {{.Stats.From.Format "2006-01-02 15:04"}} to {{.Stats.To.Format "2006-01-02 15:04"}}: {{.Stats.Total.Calls}} calls, {{.Stats.Total.Cold}} cold, {{.Stats.Total.Warm}} warm. Definitions: docs/stats.md.</p>
<table><tr><th>command</th><th>calls</th><th>cold</th><th>warm</th><th>MTBC mean</th><th>p50</th><th>p90</th><th>MTTS cold</th><th>MTTS warm</th><th>MTTE</th><th>setup</th><th>size</th><th>installed GiB·h</th><th>serverless GiB·h</th><th>setup paid</th></tr>
{{range .Stats.Commands}}<tr><td>{{.Command}}</td><td>{{.Calls}}</td><td>{{.Cold}}</td><td>{{.Warm}}</td>
{{with .MTBC}}<td>{{short .Mean.D}}</td><td>{{short .P50.D}}</td><td>{{short .P90.D}}</td>{{else}}<td>-</td><td>-</td><td>-</td>{{end}}
<td>{{secs .MTTSCold}}</td><td>{{secs .MTTSWarm}}</td><td>{{secs .MTTE}}</td><td>{{percent .SetupShare}}</td><td>{{bytes .ImageBytes}}</td>
{{with .Cost}}<td>{{printf "%.3g" .InstalledGiBh}}</td><td>{{printf "%.3g" .ServerlessGiBh}}</td><td>{{short .SetupPaid.D}}</td>{{else}}<td>?</td><td>?</td><td>?</td>{{end}}</tr>
{{end}}</table>
<h2>Setup (MTTS) against execution (MTTE), per tool</h2>
<svg width="960" height="{{.BarsHeight}}" role="img">
{{range .Bars}}<text x="0" y="{{.TextY}}">{{.Command}}</text>
<rect class="setup" x="120" y="{{.Y}}" width="{{.SetupW}}" height="18"><title>MTTS {{.MTTS}}</title></rect>
<rect class="exec" x="{{.ExecX}}" y="{{.Y}}" width="{{.ExecW}}" height="18"><title>MTTE {{.MTTE}}</title></rect>
<text x="{{.EndX}}" y="{{.TextY}}">{{.MTTS}} + {{.MTTE}}</text>
{{end}}</svg>
<p><svg width="12" height="12"><rect class="setup" width="12" height="12"/></svg> setup &nbsp; <svg width="12" height="12"><rect class="exec" width="12" height="12"/></svg> execution</p>
<h2>Idle time between calls, top tools</h2>
{{$labels := .BinLabels}}{{range .Hists}}<h3>{{.Command}}</h3>
<svg width="600" height="140" role="img">
{{range .Bars}}<rect class="hist" x="{{.X}}" y="{{.Y}}" width="56" height="{{.H}}"><title>{{.Count}}</title></rect><text x="{{.X}}" y="{{.TextY}}">{{.Count}}</text>
{{end}}{{range $labels}}<text x="{{.X}}" y="132">{{.Text}}</text>{{end}}
</svg>
{{end}}</body></html>
`))
})
