# plugin citations
