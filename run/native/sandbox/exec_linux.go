package sandbox

import (
	"errors"
	"os"
	"path"
	"strings"
	"syscall"
)

// defaultPath is the PATH Docker uses when the environment has none.
const defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// lookPath finds cfg.Args[0] as execvp(3) would, inside the root (the init
// has pivoted into it and is in cfg.Dir): a name with a slash is a path, a
// bare one is searched in the tool's PATH.
func lookPath(cfg *Config) (string, *failure) {
	if len(cfg.Args) == 0 || cfg.Args[0] == "" {
		return "", &failure{code: CodeNotFound, msg: "no command: the image has no entrypoint or command, and none was given"}
	}
	name := cfg.Args[0]
	if strings.Contains(name, "/") {
		if f := checkExecutable(name); f != nil {
			return "", f
		}
		return name, nil
	}
	var found *failure
	for _, dir := range strings.Split(envPath(cfg.Env), ":") {
		p := path.Join(dir, name)
		if dir == "" {
			p = name
		}
		f := checkExecutable(p)
		if f == nil {
			return p, nil
		}
		if f.code == CodeCannotExec && found == nil {
			found = f
		}
	}
	if found != nil {
		return "", found
	}
	return "", &failure{code: CodeNotFound, msg: "no executable file by that name in the container's PATH"}
}

// checkExecutable says why p cannot be executed, or nil.
func checkExecutable(p string) *failure {
	st, err := os.Stat(p)
	switch {
	case err != nil:
		return &failure{code: CodeNotFound, msg: "no executable file at that path in the image"}
	case !st.Mode().IsRegular():
		return &failure{code: CodeCannotExec, msg: p + " is not a regular file"}
	case st.Mode().Perm()&0o111 == 0:
		return &failure{code: CodeCannotExec, msg: p + " is not executable"}
	}
	return nil
}

// envPath is the last PATH in env, or Docker's default.
func envPath(env []string) string {
	for i := len(env) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(env[i], "PATH="); ok {
			return v
		}
	}
	return defaultPath
}

// execFailure is the failure of an execve that found the file.
func execFailure(name string, err error) failure {
	switch {
	case errors.Is(err, syscall.ENOENT):
		return failure{code: CodeNotFound, msg: err.Error() + " (its interpreter or loader is missing from the image)"}
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.ENOEXEC), errors.Is(err, syscall.EISDIR),
		errors.Is(err, syscall.EPERM), errors.Is(err, syscall.ETXTBSY):
		return failure{code: CodeCannotExec, msg: err.Error()}
	}
	return failure{code: codeSetup, msg: "starting " + name + ": " + err.Error()}
}

// resolveTool finds the tool's executable and who it runs as, or why it
// cannot run.
func resolveTool(cfg *Config) (string, *syscall.Credential, *failure) {
	path, f := lookPath(cfg)
	if f != nil {
		return "", nil, f
	}
	cred, err := credential(cfg)
	if err != nil {
		return "", nil, &failure{code: codeSetup, msg: err.Error()}
	}
	return path, cred, nil
}
