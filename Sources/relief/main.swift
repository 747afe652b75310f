import Foundation
import ReliefApp
import ReliefRender

// Arguments in, exit code out: finds the command, answers --help and --version,
// and maps errors to sysexits(3) codes. The commands are in Commands/, one file each, a folder per job (as in ReliefApp); Command.swift lists them.

/// Runs `relief ARGS...` and returns the exit code.
func relief(_ args: [String]) -> ExitCode {
    guard let first = args.first else {
        Console.err(globalUsage)
        return .usage
    }
    switch first {
    case "-h", "--help":
        Console.out(globalUsage)
        return .ok
    case "--version", "-V":
        Console.out("relief \(ReliefVersion.current)")
        return .ok
    case "help":
        guard args.count > 1 else {
            Console.out(globalUsage)
            return .ok
        }
        guard args.count == 2, let c = commands.first(where: { $0.name == args[1] }) else {
            Console.err(
                "relief help: no command \(TerminalText.safe(args.dropFirst().joined(separator: " ")))\n\n\(globalUsage)"
            )
            return .usage
        }
        Console.out(c.usage)
        return .ok
    default:
        break
    }
    guard let command = commands.first(where: { $0.name == first }) else {
        Console.err("relief: unknown command \"\(TerminalText.safe(first))\"\n\n\(globalUsage)")
        return .usage
    }
    let rest = Array(args.dropFirst())
    if ArgumentParser.asksForHelp(rest) {
        Console.out(command.usage)
        return .ok
    }
    do {
        return try command.run(rest)
    } catch let e as UsageError {
        Console.err("relief \(command.name): \(TerminalText.safe(e.message))\n\n\(command.usage)")
        return .usage
    } catch let e as ServiceError {
        let lines = e.lines
        Console.err((["relief: " + (lines.first ?? "")] + lines.dropFirst()).joined(separator: "\n"))
        return e.exit
    } catch {
        Console.err("relief: internal error: \(TerminalText.safe(String(describing: error)))")
        return .software
    }
}

ParentDeath.armFromEnvironment()
StandardStream.ignoreBrokenPipes()
exit(relief(Array(CommandLine.arguments.dropFirst())).rawValue)
