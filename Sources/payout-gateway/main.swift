import FoundationEssentials
import Gateway
import Glibc

exit(await Command.run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
