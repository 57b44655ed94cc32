#include "checks/module_statements.h"

namespace kensa::checks {

namespace ast = python::ast;

void ModuleLevelStatements(const ast::NodeList<ast::Stmt>& body,
                           std::vector<const ast::Stmt*>* out) {
  for (const ast::Stmt* s : body) {
    out->push_back(s);
    if (const auto* i = ast::DynCast<ast::If>(s)) {
      ModuleLevelStatements(i->body, out);
      ModuleLevelStatements(i->orelse, out);
    } else if (const auto* t = ast::DynCast<ast::Try>(s)) {
      ModuleLevelStatements(t->body, out);
      ModuleLevelStatements(t->orelse, out);
      ModuleLevelStatements(t->finalbody, out);
    }
  }
}

}  // namespace kensa::checks
