"""The command layer: typer commands that turn options into queries and render results."""
