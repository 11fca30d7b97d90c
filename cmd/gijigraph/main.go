// Command gijigraph builds a knowledge graph from Japanese government
// meeting minutes (議事概要, 議事録) and answers queries over it.
//
// Usage:
//
//	gijigraph <command> [flags] [args]
//
// Run `gijigraph help` for the list of commands, and
// `gijigraph <command> -h` for the flags of one.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/gijigraph/gijigraph/sandbox"
)

// A command is one subcommand. Each lives in its own file.
type command struct {
	name  string
	args  string // argument synopsis for help
	short string // one line for the command list
	// run runs the command. fs has been created with the command's name;
	// run defines its flags and parses args itself.
	run func(ctx context.Context, env *env, fs *flag.FlagSet, args []string) error
}

// env is what a command may touch of the outside world.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *slog.Logger
	getenv         func(string) string
}

// commands is the command table, in the order help lists them.
var commands = []*command{
	extractCmd, genCmd, conceptsCmd, buildCmd, kokkaiCmd, exportCmd, importCmd, replCmd, queryCmd, serveCmd,
}

func main() {
	// Gizmo queries run in worker processes of this same executable.
	sandbox.MainIfWorker()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	e := &env{
		stdin:  os.Stdin,
		stdout: os.Stdout,
		stderr: os.Stderr,
		log:    slog.New(slog.NewTextHandler(os.Stderr, nil)),
		getenv: os.Getenv,
	}
	err := run(ctx, e, os.Args[1:])
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "gijigraph:", err)
		}
		os.Exit(exitCode(err))
	}
}

// usageError is an error in how the command was called (exit status 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var u *usageError
	if errors.As(err, &u) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

func run(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			if err := run(ctx, e, []string{args[1], "-h"}); !errors.Is(err, flag.ErrHelp) {
				return err
			}
			return nil
		}
		usage(e.stdout)
		if len(args) == 0 {
			return &usageError{"no command given"}
		}
		return nil
	}
	for _, c := range commands {
		if c.name == args[0] {
			fs := flag.NewFlagSet("gijigraph "+c.name, flag.ContinueOnError)
			fs.SetOutput(e.stderr)
			fs.Usage = func() {
				fmt.Fprintf(fs.Output(), "usage: gijigraph %s %s\n\n%s\n\nflags:\n", c.name, c.args, c.short)
				fs.PrintDefaults()
			}
			err := c.run(ctx, e, fs, args[1:])
			if err != nil && !errors.Is(err, flag.ErrHelp) && fs.Parsed() == false {
				return &usageError{err.Error()}
			}
			return err
		}
	}
	usage(e.stderr)
	return &usageError{fmt.Sprintf("unknown command %q", args[0])}
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "gijigraph builds a knowledge graph from Japanese meeting minutes.\n\nusage: gijigraph <command> [flags] [args]\n\ncommands:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.short)
	}
	fmt.Fprintf(w, "\nRun 'gijigraph help <command>' for a command's flags.\n")
}
