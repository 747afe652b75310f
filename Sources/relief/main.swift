import Foundation
import ReliefService

// Arguments in, exit code out: finds the command, answers --help and --version,
// and maps errors to sysexits(3) codes. The commands are in Commands/, one file each; Command.swift lists them.

/// Runs `relief ARGS...` and returns the exit code.
func relief(_ args: [String]) -> Int32 {
    guard let first = args.first else {
        Console.err(globalUsage)
        return 64
    }
    switch first {
    case "-h", "--help":
        Console.out(globalUsage)
        return 0
    case "--version", "-V":
        Console.out("relief \(ReliefVersion.current)")
        return 0
    case "help":
        guard args.count > 1 else {
            Console.out(globalUsage)
            return 0
        }
        guard args.count == 2, let c = commands.first(where: { $0.name == args[1] }) else {
            Console.err(
                "relief help: no command \(TerminalText.safe(args.dropFirst().joined(separator: " ")))\n\n\(globalUsage)"
            )
            return 64
        }
        Console.out(c.usage)
        return 0
    default:
        break
    }
    guard let command = commands.first(where: { $0.name == first }) else {
        Console.err("relief: unknown command \"\(TerminalText.safe(first))\"\n\n\(globalUsage)")
        return 64
    }
    let rest = Array(args.dropFirst())
    if ArgumentParser.asksForHelp(rest) {
        Console.out(command.usage)
        return 0
    }
    do {
        return try command.run(rest)
    } catch let e as UsageError {
        Console.err("relief \(command.name): \(TerminalText.safe(e.message))\n\n\(command.usage)")
        return 64
    } catch let e as ServiceError {
        let lines = e.lines
        Console.err((["relief: " + (lines.first ?? "")] + lines.dropFirst()).joined(separator: "\n"))
        return e.exitCode
    } catch {
        Console.err("relief: internal error: \(TerminalText.safe(String(describing: error)))")
        return 70
    }
}

ParentDeath.armFromEnvironment()
StandardStream.ignoreBrokenPipes()
exit(relief(Array(CommandLine.arguments.dropFirst())))
