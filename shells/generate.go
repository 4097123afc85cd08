package shells

import (
	"embed"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"text/template"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// templates are parsed on first use, not at start-up: every sshell process,
// the typo path included, would pay for them otherwise.
var templates = sync.OnceValue(func() *template.Template {
	return template.Must(template.ParseFS(templateFS, "templates/*.tmpl"))
})

// Options are the inputs of Generate.
type Options struct {
	// Bin is the absolute path of the sshell binary (os.Executable at init
	// time). The hook calls it by this path only, never through PATH.
	Bin string
	// Commands are the command names the manifests provide. fish defines a
	// wrapper function for each one not installed on the host; bash and zsh
	// ignore them.
	Commands []string
}

// data is what the templates see: every field already quoted for the shell.
type data struct {
	Bin      string
	Missing  string
	Commands []string
}

// Supported lists the shells Generate knows, in a stable order.
func Supported() []string { return []string{"bash", "zsh", "fish"} }

// Generate returns the hook text `sshell init SHELL` prints.
func Generate(shell string, opts Options) (string, error) {
	if !slices.Contains(Supported(), shell) {
		return "", fmt.Errorf("generating the %q hook: unsupported shell (supported: %s)", shell, strings.Join(Supported(), ", "))
	}
	d, err := quoteData(shell, opts)
	if err != nil {
		return "", fmt.Errorf("generating the %s hook: %w", shell, err)
	}
	var b strings.Builder
	if err := templates().ExecuteTemplate(&b, shell+".tmpl", d); err != nil {
		return "", fmt.Errorf("generating the %s hook: %w", shell, err)
	}
	if err := checkSyntax(shell, b.String()); err != nil {
		return "", fmt.Errorf("generating the %s hook: %w", shell, err)
	}
	return b.String(), nil
}

// MissingMessage is the line the hook prints when the sshell binary at bin
// has gone.
func MissingMessage(bin string) string {
	return "sshell: hook: " + bin + " not found; reinstall sshell or remove the init line from your rc file"
}

func quoteData(shell string, opts Options) (data, error) {
	if !filepath.IsAbs(opts.Bin) {
		return data{}, fmt.Errorf("sshell binary path %q is not absolute", opts.Bin)
	}
	q := quoterFor(shell)
	bin, err := q(opts.Bin)
	if err != nil {
		return data{}, fmt.Errorf("quoting the sshell binary path %q: %w", opts.Bin, err)
	}
	missing, err := q(MissingMessage(opts.Bin))
	if err != nil {
		return data{}, fmt.Errorf("quoting the missing-binary message: %w", err)
	}
	d := data{Bin: bin, Missing: missing}
	if shell == "fish" {
		d.Commands, err = fishCommands(opts.Commands)
	}
	return d, err
}
