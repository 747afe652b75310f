import ReliefRender

extension ParsedArguments {
    /// The value of `--lang` (fr or en), if given; the one parser every command with `--lang` uses.
    public func language(_ name: String = "--lang") throws(UsageError) -> Language? {
        guard let l = values[name] else { return nil }
        guard let lang = Language(rawValue: l) else { throw UsageError("\(name) takes fr or en, not \(quoted(l))") }
        return lang
    }
}
