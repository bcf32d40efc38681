"""What pages do that needs no Streamlit: gathering dashboard figures, the CSV of links, markup escaping."""
