/// The copydesk version, printed by `copydesk --version` and written into reports.
public enum CopydeskVersion {
    public static let current = "0.1.0"
}
