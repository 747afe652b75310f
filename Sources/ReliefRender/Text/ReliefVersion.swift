/// The version `relief --version` prints.
public enum ReliefVersion {
    public static let current = "0.2.0"
}
