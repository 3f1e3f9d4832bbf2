import Foundation
import Gateway

exit(await Command.run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
