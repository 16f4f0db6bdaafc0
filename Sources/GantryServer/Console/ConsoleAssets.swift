import Foundation

/// The console's own scripts and stylesheet, read once from the module's resources: a fixed set of
/// files, so no request path ever reaches the file system.
struct ConsoleAssets: Sendable {
    private let files: [String: (data: Data, contentType: String)]

    init() {
        var files: [String: (Data, String)] = [:]
        if let folder = Bundle.module.url(forResource: "console", withExtension: nil),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        {
            for name in names {
                let type: String
                if name.hasSuffix(".js") {
                    type = "text/javascript; charset=utf-8"
                } else if name.hasSuffix(".css") {
                    type = "text/css; charset=utf-8"
                } else {
                    continue
                }
                if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) {
                    files[name] = (data, type)
                }
            }
        }
        self.files = files
    }

    func file(_ name: String) -> (data: Data, contentType: String)? { files[name] }
}
